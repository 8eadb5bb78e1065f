// Hover dispatch: find the policy element (action, condition key) or role under the caret in the
// checked model, else read the word under the caret, and ask that element kind's provider.

import type { Catalog } from '../catalog/catalog';
import type { Loc } from '../model/loc';
import type { Model, Role } from '../model/model';
import type { GuaranteeRow } from '../engine/guarantees';
import { known } from '../model/pstr';
import { docsOf } from '../rules/support/principals';
import { actionHover } from './actionHover';
import { conditionKeyHover } from './conditionKeyHover';
import { roleHover } from './roleHover';

/** Hover content and the source range it is about. */
export interface HoverContent {
  readonly markdown: string;
  readonly loc: Loc;
}

function contains(loc: Loc | undefined, file: string, offset: number): loc is Loc {
  return !!loc && loc.file === file && loc.start <= offset && offset <= loc.end;
}

/** The verdicts of a role's guarantees, when the caller has the check's findings. */
export type GuaranteesOf = (role: Role) => readonly GuaranteeRow[] | undefined;

/** The hover for `offset` in file `file` (its text is `text`), or undefined. */
export function hoverAt(
  catalog: Catalog,
  model: Model,
  file: string,
  text: string,
  offset: number,
  guaranteesOf?: GuaranteesOf,
): HoverContent | undefined {
  for (const { doc } of docsOf(model)) {
    if (!contains(doc.loc, file, offset)) continue;
    for (const st of doc.statements) {
      if (!contains(st.loc, file, offset)) continue;
      for (const [list, negated] of [
        [st.action, false],
        [st.notAction, true],
      ] as const) {
        const item = list?.items.find((i) => contains(i.loc, file, offset));
        const md = item && actionHover(catalog, item.value, negated);
        if (item && md) return { markdown: md, loc: item.loc };
      }
      const c = st.conditions.find((e) => contains(e.keyLoc, file, offset));
      if (c) return { markdown: conditionKeyHover(catalog, c.key)!, loc: c.keyLoc };
    }
  }
  for (const role of model.roles) {
    const at = [role.resource?.labelLoc, role.name?.loc].find((l) => contains(l, file, offset));
    if (at) return { markdown: roleHover(catalog, role, guaranteesOf?.(role)), loc: at };
  }
  return wordHover(catalog, file, text, offset);
}

/** Outside the model (an unused policy document, a broken file): judge the word itself. */
function wordHover(catalog: Catalog, file: string, text: string, offset: number): HoverContent | undefined {
  const isWordChar = (c: string | undefined) => !!c && /[A-Za-z0-9:*?_\-/.]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  while (end < text.length && isWordChar(text[end])) end++;
  const word = text.slice(start, end);
  const loc = { file, start, end };
  if (/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(word) && catalog.services().includes(word.slice(0, word.indexOf(':')))) {
    if (catalog.expandAction(word).actions.length > 0) return { markdown: actionHover(catalog, known(word))!, loc };
  }
  if (/^[a-z0-9-]+:[A-Za-z0-9_\-/.]+$/.test(word) && catalog.conditionKey(word))
    return { markdown: conditionKeyHover(catalog, word)!, loc };
  return undefined;
}
