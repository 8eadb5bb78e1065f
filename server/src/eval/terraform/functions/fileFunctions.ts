// file() and templatefile(): read files relative to the module. JSON content becomes a value whose
// locations point into that file (the file path is the Loc file id).

import * as nodePath from 'node:path';
import type { Val } from '../../../model/value';
import { parseBareTemplate } from '../../../parse/hcl/templateParser';
import { FLAG_HEREDOC_LIT } from '../../../parse/hcl/tokens';
import { jsonToVal } from '../../../parse/json';
import type { Evaluator, ModuleFile } from '../evalTypes';
import { evalTemplate } from '../templates';
import { LimitError } from '../../../parse/limits';
import { errorVal, strVal, unknownVal } from '../../../parse/values';
import { type CallCtx, isStop, objArg, textArg, type TfFunction } from './callContext';

/** A file's content as a value: decoded JSON (marked encoded) when it looks like JSON, else a string. */
export function fileValue(ev: Evaluator, f: ModuleFile): Val {
  const head = f.text.trimStart()[0];
  if (head === '{' || head === '[') {
    const r = jsonToVal(f.text, f.id);
    if (r.value) {
      ev.marks.markEncoded(r.value);
      ev.marks.addProblems(r.value, r.problems.slice(0, 1));
      return r.value;
    }
  }
  return strVal(f.text, { file: f.id, start: 0, end: f.text.length });
}

/**
 * The file named by argument 0, or the value to return instead: an error when it does not exist
 * (as in Terraform), an unknown when it is outside the checked folder or not a regular file (it is
 * never read, so nothing of it can reach a message), a limit when it is too large.
 */
function readArg(args: readonly Val[], c: CallCtx): ModuleFile | Val {
  const path = textArg(args, 0, c);
  if (isStop(path)) return path.stop;
  const f = c.ev.readModuleFile(path);
  if (!('failed' in f)) return f;
  const why = f.failed.reason;
  if (f.failed.kind === 'missing')
    return errorVal(
      `${c.name}(): the file ${path} was not found${why === 'it does not exist' ? '' : `: ${why}`}`,
      c.loc,
    );
  if (f.failed.kind === 'tooLarge') throw new LimitError(`the file ${path} read by ${c.name}() is too large: ${why}`);
  return unknownVal(
    `${c.name}() reads only regular files inside the checked folder, so ${path} is not read: ${why}`,
    c.loc,
  );
}

const file: TfFunction = (args, c) => {
  const f = readArg(args, c);
  return 'k' in f ? f : fileValue(c.ev, f);
};

/** templatefile(): the file is a template that sees only the given variables. */
const templatefile: TfFunction = (args, c) => {
  const f = readArg(args, c);
  if ('k' in f) return f;
  const vars = objArg(args, 1, c);
  if (isStop(vars)) return vars.stop;
  const parsed = parseBareTemplate(f.text, 0, f.text.length, FLAG_HEREDOC_LIT);
  const scope = new Map(vars.entries.map((e) => [e.key, e.value]));
  const v = evalTemplate(c.ev, { ...parsed.expr, form: 'heredoc' }, { file: f.id, vars: scope, constOnly: true });
  if (parsed.problems.length && !c.ev.marks.problems.has(v)) {
    c.ev.marks.addProblems(
      v,
      parsed.problems.map((p) => ({
        message: `Malformed template: ${p.message}`,
        loc: { file: f.id, start: p.start, end: p.end },
      })),
    );
  }
  return v;
};

function pathFn(f: (p: string, c: CallCtx) => string): TfFunction {
  return (args, c) => {
    const p = textArg(args, 0, c);
    return isStop(p) ? p.stop : strVal(f(p, c), c.loc);
  };
}

/** File functions by name. */
export const FILE_FUNCTIONS: Readonly<Record<string, TfFunction>> = {
  file,
  templatefile,
  fileexists: (args, c) => {
    const p = textArg(args, 0, c);
    if (isStop(p)) return p.stop;
    const f = c.ev.readModuleFile(p);
    if (!('failed' in f) || f.failed.kind === 'tooLarge') return { k: 'bool', b: true, loc: c.loc };
    if (f.failed.kind === 'missing') return { k: 'bool', b: false, loc: c.loc };
    return unknownVal(
      `fileexists() looks only inside the checked folder, so ${p} is not looked at: ${f.failed.reason}`,
      c.loc,
    );
  },
  basename: pathFn((p) => nodePath.basename(p)),
  dirname: pathFn((p) => nodePath.dirname(p)),
  abspath: pathFn((p, c) => nodePath.resolve(c.ev.dir, p)),
};
