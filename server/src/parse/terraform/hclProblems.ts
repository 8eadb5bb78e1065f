// HCL parser problems -> ParseProblems (PG801): syntax errors, and text beyond the checker's limits.

import type { ParseProblem } from '../../model/source';
import type { HclProblem } from '../hcl/ast';
import { limitProblem } from '../limits';

/** HCL syntax problems as ParseProblems of file `id`; `map` moves offsets (default: unchanged). */
export function hclProblems(
  problems: readonly HclProblem[],
  id: string,
  map: (x: number) => number = (x) => x,
): ParseProblem[] {
  return problems.map((p) => {
    const loc = { file: id, start: map(p.start), end: map(p.end) };
    return p.limit ? limitProblem(loc, p.message) : { message: `Malformed HCL: ${p.message}`, loc };
  });
}
