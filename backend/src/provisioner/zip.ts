// A minimal, deterministic ZIP writer (stored entries, no compression) for Lambda packages.

/** One file of a ZIP archive. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  readonly name: string;
  readonly data: Buffer | string;
  /** Unix permission bits; default 0o644. */
  readonly mode?: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, the ZIP checksum) of `data`. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00, the ZIP epoch: a fixed timestamp keeps the archive (and Terraform's
// source_code_hash) identical from run to run.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const VERSION = 20;
const UTF8_NAMES = 0x0800;

interface EntryHeader {
  readonly name: Buffer;
  readonly size: number;
  readonly crc: number;
}

function localHeader(h: EntryHeader): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(VERSION, 4);
  local.writeUInt16LE(UTF8_NAMES, 6);
  local.writeUInt16LE(0, 8); // method: stored
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  local.writeUInt32LE(h.crc, 14);
  local.writeUInt32LE(h.size, 18);
  local.writeUInt32LE(h.size, 22);
  local.writeUInt16LE(h.name.length, 26);
  local.writeUInt16LE(0, 28);
  return local;
}

function centralHeader(h: EntryHeader, mode: number, offset: number): Buffer {
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE((3 << 8) | VERSION, 4); // made by: Unix, so the mode bits count
  central.writeUInt16LE(VERSION, 6);
  central.writeUInt16LE(UTF8_NAMES, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(h.crc, 16);
  central.writeUInt32LE(h.size, 20);
  central.writeUInt32LE(h.size, 24);
  central.writeUInt16LE(h.name.length, 28);
  central.writeUInt16LE(0, 30); // extra
  central.writeUInt16LE(0, 32); // comment
  central.writeUInt16LE(0, 34); // disk
  central.writeUInt16LE(0, 36); // internal attributes
  central.writeUInt32LE(((mode | 0o100000) << 16) >>> 0, 38);
  central.writeUInt32LE(offset, 42);
  return central;
}

function endOfCentralDirectory(count: number, centralSize: number, centralOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  end.writeUInt16LE(0, 20);
  return end;
}

/**
 * Builds a ZIP archive of `entries`, stored without compression. The output is byte-for-byte
 * deterministic for the same input. Limited to the classic format: under 65,535 entries and
 * 4 GiB, which Lambda packages never approach.
 */
export function createStoredZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new Error(`Too many ZIP entries: ${entries.length}`);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.includes('\\')) {
      throw new Error(`Invalid ZIP entry name: ${entry.name}`);
    }
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    if (offset + data.length > 0xffffffff) throw new Error(`ZIP archive too large at: ${entry.name}`);
    const header: EntryHeader = { name, size: data.length, crc: crc32(data) };
    const local = localHeader(header);
    locals.push(local, name, data);
    centrals.push(centralHeader(header, entry.mode ?? 0o644, offset), name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  return Buffer.concat([...locals, ...centrals, endOfCentralDirectory(entries.length, centralSize, offset)]);
}
