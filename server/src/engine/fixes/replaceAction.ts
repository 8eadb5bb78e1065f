// PG802: replace a misspelt action with the nearest real one, keeping the quotes as written.

import type { FixHint } from '../../core/finding';
import type { Fix, FixContext } from './types';
import { unquotedRange } from './text';

type Hint = Extract<FixHint, { kind: 'replaceAction' }>;

/** An edit putting the nearest real action in place of the unknown one. */
export function replaceActionFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const text = ctx.text(hint.actionLoc.file);
  if (text === undefined) return undefined;
  const r = unquotedRange(text, hint.actionLoc.start, hint.actionLoc.end);
  return {
    title: `Replace with ${hint.replacement}`,
    edits: [{ file: hint.actionLoc.file, start: r.start, end: r.end, newText: hint.replacement }],
    isPreferred: true,
  };
}
