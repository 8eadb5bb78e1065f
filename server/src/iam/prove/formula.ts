// Boolean formulas over numbered atoms: the constraint one value (a resource, or a context key's
// value) must meet. Atoms are "the value matches glob i" or "the value lies in interval i".

/** A formula over atoms `0..n-1`. */
export type Formula =
  | { readonly k: 'const'; readonly v: boolean }
  | { readonly k: 'atom'; readonly i: number }
  | { readonly k: 'not'; readonly f: Formula }
  | { readonly k: 'and'; readonly fs: readonly Formula[] }
  | { readonly k: 'or'; readonly fs: readonly Formula[] };

export const TRUE: Formula = { k: 'const', v: true };
export const FALSE: Formula = { k: 'const', v: false };

/** The atom `i`. */
export function atom(i: number): Formula {
  return { k: 'atom', i };
}

/** Negation, folding constants and double negation. */
export function not(f: Formula): Formula {
  if (f.k === 'const') return f.v ? FALSE : TRUE;
  if (f.k === 'not') return f.f;
  return { k: 'not', f };
}

/** Conjunction, folding constants. */
export function and(fs: readonly Formula[]): Formula {
  const out: Formula[] = [];
  for (const f of fs) {
    if (f.k === 'const') {
      if (!f.v) return FALSE;
      continue;
    }
    if (f.k === 'and') out.push(...f.fs);
    else out.push(f);
  }
  return out.length === 0 ? TRUE : out.length === 1 ? out[0] : { k: 'and', fs: out };
}

/** Disjunction, folding constants. */
export function or(fs: readonly Formula[]): Formula {
  const out: Formula[] = [];
  for (const f of fs) {
    if (f.k === 'const') {
      if (f.v) return TRUE;
      continue;
    }
    if (f.k === 'or') out.push(...f.fs);
    else out.push(f);
  }
  return out.length === 0 ? FALSE : out.length === 1 ? out[0] : { k: 'or', fs: out };
}

/** Evaluates `f` with `truth(i)` the value of atom `i`. */
export function evaluate(f: Formula, truth: (i: number) => boolean): boolean {
  switch (f.k) {
    case 'const':
      return f.v;
    case 'atom':
      return truth(f.i);
    case 'not':
      return !evaluate(f.f, truth);
    case 'and':
      return f.fs.every((g) => evaluate(g, truth));
    default:
      return f.fs.some((g) => evaluate(g, truth));
  }
}

/** The atoms `f` mentions. */
export function atomsOf(f: Formula, into: Set<number> = new Set()): Set<number> {
  if (f.k === 'atom') into.add(f.i);
  else if (f.k === 'not') atomsOf(f.f, into);
  else if (f.k === 'and' || f.k === 'or') for (const g of f.fs) atomsOf(g, into);
  return into;
}
