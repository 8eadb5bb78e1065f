// IPv4/IPv6 addresses and CIDR blocks for IpAddress/NotIpAddress, as BigInt ranges.

/** An address range, inclusive; a single address has first === last. */
export interface IpRange {
  readonly v6: boolean;
  readonly first: bigint;
  readonly last: bigint;
}

/** Parses `10.0.0.1`, `10.0.0.0/8`, `2001:db8::1`, `2001:db8::/32`; undefined when invalid. */
export function parseIpRange(text: string): IpRange | undefined {
  const [addr, bitsText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const v6 = addr.includes(':');
  const value = v6 ? parseV6(addr) : parseV4(addr);
  if (value === undefined) return undefined;
  const width = v6 ? 128 : 32;
  if (bitsText === undefined) return { v6, first: value, last: value };
  if (!/^\d{1,3}$/.test(bitsText) || Number(bitsText) > width) return undefined;
  const hostBits = BigInt(width - Number(bitsText));
  const first = (value >> hostBits) << hostBits;
  return { v6, first, last: first + (1n << hostBits) - 1n };
}

/** Parses a single address (no prefix length). */
export function parseIp(text: string): IpRange | undefined {
  return text.includes('/') ? undefined : parseIpRange(text);
}

function parseV4(addr: string): bigint | undefined {
  const parts = addr.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(p));
  }
  return v;
}

function parseV6(addr: string): bigint | undefined {
  let text = addr;
  const lastColon = text.lastIndexOf(':');
  const lastGroup = text.slice(lastColon + 1);
  if (lastGroup.includes('.')) {
    // An embedded IPv4 tail (`::ffff:10.0.0.1`) is two 16-bit groups.
    const v4 = parseV4(lastGroup);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' ? halves[1].split(':') : [];
  const groups = head.length + tail.length;
  if (halves.length === 1 ? groups !== 8 : groups > 7) return undefined;
  let v = 0n;
  for (const g of [...head, ...Array<string>(8 - groups).fill('0'), ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

/** Renders an address of the given family (for attacker candidate values). */
export function formatIp(value: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => ((value >> s) & 0xffn).toString()).join('.');
  const words: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) words.push(((value >> s) & 0xffffn).toString(16));
  return words.join(':');
}
