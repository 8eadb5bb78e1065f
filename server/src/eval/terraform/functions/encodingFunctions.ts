// jsonencode/jsondecode. A JSON-encoded collection is kept as the collection itself (marked as
// encoded), so a policy written with jsonencode({...}) keeps the HCL location of every key and value.

import { textOf } from '../../../model/pstr';
import { jsonToVal } from '../../../parse/json';
import { encodeJsonText } from '../jsonText';
import { errorVal, joinParts, propagate, relocateDeep, strVal, unknownVal } from '../../../parse/values';
import { badArg, type TfFunction } from './callContext';

const jsonencode: TfFunction = (args, c) => {
  const v = args[0];
  if (!v) return badArg(c, 0, 'a value');
  if (v.k === 'unknown') return propagate(v, c.loc);
  if (v.k === 'obj' || v.k === 'list') return c.ev.marks.markEncoded(c.ev.marks.copy(v, { ...v }));
  if (v.k === 'str' && textOf(v.s) === undefined) return strVal(joinParts(['"', v.s, '"']), c.loc);
  const text = encodeJsonText(v);
  return text === undefined ? unknownVal('jsonencode() of a value that is not known', c.loc) : strVal(text, c.loc);
};

/** jsondecode(): an encoded collection decodes to itself; a known string is parsed. */
const jsondecode: TfFunction = (args, c) => {
  const v = args[0];
  if (!v) return badArg(c, 0, 'a string');
  if (v.k === 'unknown') return propagate(v, c.loc);
  if ((v.k === 'obj' || v.k === 'list') && c.ev.marks.isEncoded(v)) return { ...v };
  if (v.k !== 'str') return badArg(c, 0, 'a string', v);
  const text = textOf(v.s);
  if (text === undefined) return unknownVal('jsondecode() of a string that is not fully known', c.loc);
  const r = jsonToVal(text, v.loc.file);
  if (!r.value || r.problems.length)
    return errorVal(`jsondecode(): ${r.problems[0]?.message ?? 'invalid JSON'}`, c.loc);
  return relocateDeep(r.value, v.loc);
};

/** Encoding functions by name. */
export const ENCODING_FUNCTIONS: Readonly<Record<string, TfFunction>> = { jsonencode, jsondecode };
