// Timestamps from the API in the user's locale. The API mixes formats: node `createdAt` is Go's
// `time.Time.String()` ("2026-03-04 15:04:05.123456789 +0000 UTC"), others are RFC 3339 or Unix seconds.

const GO_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)? ([+-])(\d{2})(\d{2})(?: \S+)?$/;

/** The instant a timestamp names, or undefined when it cannot be read. */
export function parseApiTime(value: string | number | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value * 1000) : undefined;
  const go = GO_TIME.exec(value.trim());
  const iso = go ? `${go[1]}T${go[2]}${(go[3] ?? '').slice(0, 4)}${go[4]}${go[5]}:${go[6]}` : value;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * "1 May 2026, 14:03" in the user's locale ("1 May 2026, 14:03:07" with `seconds`); the raw value
 * when it cannot be read.
 */
export function formatApiTime(
  value: string | number | undefined,
  locale?: string,
  opts: { seconds?: boolean } = {},
): string | undefined {
  if (value === undefined || value === '') return undefined;
  const d = parseApiTime(value);
  return d
    ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: opts.seconds ? 'medium' : 'short' })
    : String(value);
}
