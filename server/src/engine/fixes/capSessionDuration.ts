// PG104: lower the maximum session duration to the profile's limit.

import type { FixHint } from '../../core/finding';
import type { Fix, FixContext } from './types';
import { unquotedRange } from './text';

type Hint = Extract<FixHint, { kind: 'capSessionDuration' }>;

/** An edit setting the duration to the profile's maximum. */
export function capSessionDurationFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const { file, start, end } = hint.valueLoc;
  const text = ctx.text(file);
  if (text === undefined) return undefined;
  const inner = unquotedRange(text, start, end);
  // A literal keeps its quoting; anything else (a variable, a !Ref) becomes the number.
  const isLiteral = /^\d+$/.test(text.slice(inner.start, inner.end).trim());
  const range = isLiteral ? inner : { start, end };
  return {
    title: `Lower the maximum session duration to ${hint.max} s`,
    edits: [{ file, start: range.start, end: range.end, newText: String(hint.max) }],
    isPreferred: true,
  };
}
