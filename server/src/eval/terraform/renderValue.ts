// Values as string parts, the way templates and format() insert them.

import { hole, type PStr } from '../../model/pstr';
import type { Val } from '../../model/value';
import type { Evaluator } from './evalTypes';
import { encodeJsonText } from './jsonText';
import { toPStr } from '../../parse/values';

/**
 * A value as string parts: strings, numbers and bools; unknowns become holes; a JSON-encoded
 * collection becomes its JSON text (or a hole when not fully known). Undefined for other values.
 */
export function renderValue(ev: Evaluator, v: Val): PStr | undefined {
  if ((v.k === 'obj' || v.k === 'list') && ev.marks.isEncoded(v)) {
    const text = encodeJsonText(v);
    return text === undefined
      ? { parts: [hole('the JSON text contains values that are not known', v.loc)] }
      : { parts: [text] };
  }
  return toPStr(v);
}
