// Building blocks for the constraints a question puts on the resource and on context keys, and
// the check that a counterexample meets them.

import type { Catalog } from '../../catalog/catalog';
import { compileGlob, globFromTokens, type Glob, type GlobMode, type Token } from '../glob';
import type { PatternCache } from '../patternCache';
import type { EvalRequest } from '../types';
import { evaluate, or, type Formula } from './formula';
import type { ProofQuestion } from './question';
import { AtomSpace } from './space';
import { globHolds } from './strings';

/** The atom "matches the pattern `text`" (IAM wildcards unless `mode` is 'literal'). */
export function glob(
  space: AtomSpace,
  patterns: PatternCache,
  text: string,
  mode: GlobMode = 'arn',
  ignoreCase = false,
): Formula {
  return space.glob(patterns.text(text, mode, ignoreCase));
}

/** "Is one of these exact strings". */
export function oneOf(space: AtomSpace, patterns: PatternCache, values: readonly string[]): Formula {
  return or(values.map((v) => glob(space, patterns, v, 'literal')));
}

const NO_SLASH: Partial<Record<Token['k'], Token['k']>> = {
  any: 'anyNS',
  anyNC: 'anyNS',
  one: 'oneNS',
  oneNC: 'oneNS',
};

/** Literal tokens for `text`. */
export function literalTokens(text: string): Token[] {
  return [...text].map((c) => ({ k: 'lit', c }));
}

/** Tokens of a name pattern whose wildcards never match a slash (a name inside an ARN path). */
export function nameTokens(namePattern: string): readonly Token[] {
  let tokens = names.get(namePattern);
  if (!tokens) {
    if (names.size >= MAX_BUILT) names.clear();
    tokens = compileGlob([{ k: 'text', s: namePattern }], 'glob', false).tokens.map((t) =>
      NO_SLASH[t.k] ? { k: NO_SLASH[t.k]!, c: '' } : t,
    );
    names.set(namePattern, tokens);
  }
  return tokens;
}

const names = new Map<string, readonly Token[]>();

const built = new Map<string, Glob>();
const MAX_BUILT = 5000;

/** The atom "matches these tokens"; the glob is built once per token sequence (its DFA is reused). */
export function tokensAtom(space: AtomSpace, tokens: readonly Token[]): Formula {
  return space.glob(globOfTokens(tokens));
}

function globOfTokens(tokens: readonly Token[]): Glob {
  const key = tokens.map((t) => (t.k === 'lit' ? `=${t.c}` : t.k)).join('\u0000');
  let g = built.get(key);
  if (!g) {
    if (built.size >= MAX_BUILT) built.clear();
    g = globFromTokens(tokens, false);
    built.set(key, g);
  }
  return g;
}

/** Any text (a `*` that crosses everything). */
export const ANY_TEXT: Token = { k: 'any', c: '' };
const PATH_TEXT: readonly Token[] = [
  { k: 'oneNC', c: '' },
  { k: 'anyNC', c: '' },
  { k: 'lit', c: '/' },
];

/**
 * "An ARN `prefix` + optional path + a name matching `namePattern`": IAM role and policy ARNs
 * carry the path before the name, and the name itself has no slash, so the pattern's wildcards
 * do not cross one. `prefix` is literal text (e.g. `arn:aws:iam::000000000000:role/`). Paths are
 * taken to hold no colon (IAM allows one; an ARN with it is outside the request model).
 */
export function nameInArn(space: AtomSpace, prefix: string, namePattern: string): Formula {
  const key = `${prefix}\u0000${namePattern}`;
  let globs = arnGlobs.get(key);
  if (!globs) {
    if (arnGlobs.size >= MAX_BUILT) arnGlobs.clear();
    const name = nameTokens(namePattern);
    const head = literalTokens(prefix);
    globs = [globOfTokens([...head, ...name]), globOfTokens([...head, ...PATH_TEXT, ...name])];
    arnGlobs.set(key, globs);
  }
  return or([space.glob(globs[0]), space.glob(globs[1])]);
}

/** "Literal `prefix` then a name matching `namePattern`" (wildcards not crossing a slash); its glob built once. */
export function prefixedName(space: AtomSpace, prefix: string, namePattern: string): Formula {
  const key = `${prefix}\u0000${namePattern}`;
  let g = prefixedGlobs.get(key);
  if (!g) {
    if (prefixedGlobs.size >= MAX_BUILT) prefixedGlobs.clear();
    g = globOfTokens([...literalTokens(prefix), ...nameTokens(namePattern)]);
    prefixedGlobs.set(key, g);
  }
  return space.glob(g);
}

const prefixedGlobs = new Map<string, Glob>();

/** The two globs of `nameInArn` per prefix and name pattern (asked again by every question). */
const arnGlobs = new Map<string, readonly [Glob, Glob]>();

/** Whether a concrete request meets the question's own constraints (string-valued ones). */
export function domainHolds(catalog: Catalog, q: ProofQuestion, req: EvalRequest): boolean {
  if (q.resource) {
    const space = new AtomSpace();
    const f = q.resource(space, catalog.patterns);
    if (typeof req.resource !== 'string' || !evaluate(f, (i) => globHolds(space.globs[i], req.resource as string)))
      return false;
  }
  for (const [key, d] of Object.entries(q.keys ?? {})) {
    const found = Object.entries(req.context ?? {}).find(([k]) => k.toLowerCase() === key)?.[1];
    const absent = found === undefined || found === null;
    if (absent ? d.absent === 'forbidden' : d.absent === 'required') return false;
    if (absent || !d.value) continue;
    const space = new AtomSpace();
    const f = d.value(space);
    const values = Array.isArray(found) ? found : [found];
    if (!values.every((v) => typeof v === 'string' && evaluate(f, (i) => globHolds(space.globs[i], v)))) return false;
  }
  return true;
}
