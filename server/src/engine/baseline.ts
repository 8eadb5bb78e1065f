// Which findings are new compared with a baseline run (the same files at a git ref). Lines move
// between versions, so findings are matched by rule, file, the text they point at and message.

import type { ReportedFinding } from './locate';

function fingerprint(f: ReportedFinding): string {
  return [f.ruleId, f.file, f.snippet, f.message.replace(/\d+:\d+/g, '')].join('\u0000');
}

/** Marks each current finding `new` unless an unmatched baseline finding has the same fingerprint. */
export function markNew(current: readonly ReportedFinding[], baseline: readonly ReportedFinding[]): ReportedFinding[] {
  const counts = new Map<string, number>();
  for (const f of baseline) counts.set(fingerprint(f), (counts.get(fingerprint(f)) ?? 0) + 1);
  return current.map((f) => {
    const key = fingerprint(f);
    const n = counts.get(key) ?? 0;
    if (n > 0) {
      counts.set(key, n - 1);
      return { ...f, new: false };
    }
    return { ...f, new: true };
  });
}
