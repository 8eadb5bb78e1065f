// Joining partially known strings in the evaluators (Terraform templates and functions,
// CloudFormation Fn::Sub and Fn::Join).

import type { Part, PStr } from '../model/pstr';
import { checkSize } from './evalBudget';

/**
 * Concatenates parts and partial strings into one PStr, within the size limit (LimitError past
 * it). Unlike model/pstr's concatParts, PStr pieces are flattened and adjacent plain holes merge,
 * so chains of `${a}${a}` cannot double the number of parts.
 */
export function joinParts(pieces: readonly (Part | PStr)[]): PStr {
  const out: Part[] = [];
  let length = 0;
  for (const p of pieces) {
    if (typeof p === 'object' && 'parts' in p) for (const q of p.parts) length = addPart(out, q, length);
    else length = addPart(out, p, length);
  }
  return { parts: out };
}

/**
 * Appends one part; returns the length so far. A string past the size limit is never built.
 * Adjacent plain holes are one unknown run of text (symbols stay apart: `${account}${region}`).
 */
function addPart(out: Part[], p: Part, length: number): number {
  if (typeof p !== 'string') {
    const last = out.length ? out[out.length - 1] : undefined;
    if (!p.symbol && last !== undefined && typeof last !== 'string' && !last.symbol) return length;
    out.push(p);
    return length + 1;
  }
  if (p === '') return length;
  checkSize(length + p.length, 'a string');
  const last = out.length ? out[out.length - 1] : undefined;
  if (typeof last === 'string') out[out.length - 1] = last + p;
  else out.push(p);
  return length + p.length;
}
