// Expands an Action pattern (`iam:*Boundary*`, `s3:Get${hole}`, `*`) against the catalog,
// loading only the services the pattern can reach.

import { holeReason, isHole, type PStr } from '../model/pstr';
import { compileGlob, type Glob, type Token } from '../iam/glob';
import type { TextMatcher } from '../iam/globMatcher';
import { bindSymbols } from '../iam/standIns';
import { toPieces } from '../iam/variables';
import type { ActionInfo, ExpandResult } from './catalogTypes';

/** What expansion needs from the catalog. */
export interface ActionSource {
  services(): readonly string[];
  actionsOf(service: string): readonly ActionInfo[];
  /** `service:Action` looked up case-insensitively. */
  getAction(name: string): ActionInfo | undefined;
}

/** The cache key for a pattern: its text lower-cased, holes as NUL. */
export function expansionKey(pattern: PStr): string {
  return pattern.parts.map((p) => (isHole(p) ? '\u0000' : p.toLowerCase())).join('');
}

/**
 * Expands `pattern` with IAM semantics (`*` any run, `?` one character, case-insensitive, the
 * service prefix may be wildcarded). Holes read as `*` to find every action the pattern could
 * match; the result then carries `unknown` (see ExpandResult).
 */
export function expandActionPattern(source: ActionSource, pattern: PStr): ExpandResult {
  const bound = bindSymbols(pattern);
  const g = compileGlob(toPieces(bound, false), 'glob', true);
  // A name without wildcards is one lookup (ten thousand unknown actions must not scan the catalog).
  if (g.exact !== undefined) {
    const hit = source.getAction(g.exact);
    return { actions: hit ? [hit.name] : [] };
  }
  const actions: string[] = [];
  for (const service of candidateServices(source.services(), g)) {
    for (const a of source.actionsOf(service)) if (g.matcher.test(a.name)) actions.push(a.name);
  }
  const unknown = holeReason(bound);
  return unknown === undefined ? { actions } : { actions, unknown };
}

/**
 * An action name has exactly one colon, so the tokens before the pattern's first literal colon
 * match the whole service prefix. Without a literal colon, the service must start with the
 * pattern's literal prefix.
 */
function candidateServices(services: readonly string[], g: Glob): readonly string[] {
  const colon = g.tokens.findIndex((t) => t.k === 'lit' && t.c === ':');
  if (colon >= 0) {
    const serviceGlob = prefixMatcher(g.tokens.slice(0, colon));
    return services.filter((s) => serviceGlob.test(s));
  }
  let literal = '';
  for (const t of g.tokens) {
    if (t.k !== 'lit') break;
    literal += t.c;
  }
  return literal === '' ? services : services.filter((s) => s.startsWith(literal));
}

function prefixMatcher(tokens: readonly Token[]): TextMatcher {
  return compileGlob(
    [{ k: 'text', s: tokens.map((t) => (t.k === 'lit' ? t.c : t.k.startsWith('one') ? '?' : '*')).join('') }],
    'glob',
    true,
  ).matcher;
}
