// Shared helpers for benchmark scripts: percentiles and the result shape bench/run.ts prints.

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** One benchmark's results: rows of [measure, value, notes]. */
export interface BenchSection {
  readonly title: string;
  readonly rows: readonly (readonly [string, string, string])[];
}

/** Sizes given on the command line (`npm run bench -- scaleout --nodes 3`), for the sections that take them. */
export interface BenchOptions {
  readonly nodes?: number;
  readonly clients?: number;
}

/** Markdown table for BENCHMARKS.md. */
export function toMarkdown(s: BenchSection): string {
  const lines = [`### ${s.title}`, '', '| Measure | Result | Notes |', '| --- | --- | --- |'];
  for (const [m, v, n] of s.rows) lines.push(`| ${m} | ${v} | ${n} |`);
  return lines.join('\n') + '\n';
}
