// Closest real action to a misspelt one, for the PG802 quick fix.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition, so
 * `GetObjcet` → `GetObject` costs 1), case-insensitive. Stops early past `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  // Before lower-casing (a 180,000-character name against 400 service names took 2 s): lower
  // case is never shorter and at most twice as long (İ), so this bounds the distance already.
  if (a.length > 2 * b.length + max || b.length > 2 * a.length + max) return max + 1;
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

const BUCKETS = 32;

/** A name's characters counted into buckets (case-insensitive): a cheap lower bound of edit distance. */
function bagOf(lower: string): Uint8Array {
  const bag = new Uint8Array(BUCKETS);
  for (let i = 0; i < lower.length; i++) bag[lower.charCodeAt(i) % BUCKETS]++;
  return bag;
}

/** Candidate names prepared for nearest-name search: a length and character-count filter before the edit distance. */
export class NameIndex {
  private readonly entries: readonly { readonly value: string; readonly length: number; readonly bag: Uint8Array }[];

  constructor(names: readonly string[]) {
    this.entries = names.map((value) => ({ value, length: value.length, bag: bagOf(value.toLowerCase()) }));
  }

  /**
   * The candidate closest to `name` within `max` (ties: the first), skipping every candidate whose length or character counts already differ by more than `max`
   * (an edit changes the counts by at most 2, a transposition not at all).
   */
  closest(name: string, max: number): { readonly value: string; readonly distance: number } | undefined {
    const bag = bagOf(name.toLowerCase());
    let best: { value: string; distance: number } | undefined;
    for (const e of this.entries) {
      const bound = best ? Math.min(best.distance - 1, max) : max;
      if (Math.abs(e.length - name.length) > bound) continue;
      let diff = 0;
      for (let i = 0; i < BUCKETS; i++) diff += Math.abs(e.bag[i] - bag[i]);
      if (Math.ceil(diff / 2) > bound) continue;
      const d = editDistance(name, e.value, bound);
      if (d <= bound) best = { value: e.value, distance: d };
    }
    return best;
  }
}
