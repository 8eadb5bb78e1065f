// Closest real action to a misspelt one, for the PG802 quick fix.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition, so
 * `GetObjcet` → `GetObject` costs 1), case-insensitive. Stops early past `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    // A cell depends on the two rows above: once both exceed max, every later cell does too.
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length];
}

/** The largest distance still offered as a fix for a name of this length. */
export function maxFixDistance(name: string): number {
  return Math.max(1, Math.min(3, Math.floor(name.length / 3)));
}

/** The candidate closest to `name` within `max` (ties: the first), or undefined. */
export function closest(name: string, candidates: Iterable<string>, max: number): { readonly value: string; readonly distance: number } | undefined {
  let best: { value: string; distance: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name, c, best ? Math.min(best.distance - 1, max) : max);
    if (d <= max && (!best || d < best.distance)) best = { value: c, distance: d };
  }
  return best;
}
