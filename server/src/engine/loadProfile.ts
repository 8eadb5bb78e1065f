// Loads a profile: a built-in by name, or a YAML file that may `extends` a built-in or another
// file. Unknown keys and wrong types are errors with the key's path, never silently ignored.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, parse as parsePath, resolve } from 'node:path';
import { parse } from 'yaml';
import type { DeploymentMode } from '../model/resources';
import { GuardError } from './guardError';
import { readInside } from '../util/readInside';
import { RULES } from '../rules/index';
import type { Profile } from '../core/profile';

export const BUILTIN_PROFILES = ['pennsieve', 'lakesail', 'cloudposse'] as const;
/** The file a workspace may add; found in the checked folder or its parents. */
export const WORKSPACE_PROFILE_FILE = '.pennsieve-guard.yaml';

type Shape = { [key: string]: 'string' | 'strings' | 'boolean' | 'number' | 'mode' | Shape };

const SHAPE: Shape = {
  name: 'string',
  description: 'string',
  extends: 'string',
  crossAccountRole: {
    namePatterns: 'strings',
    policyFiles: 'strings',
    trustedPrincipals: 'strings',
    requireExternalId: 'boolean',
    maxSessionDuration: 'number',
    hasBoundary: 'boolean',
  },
  childRoles: { namePattern: 'string' },
  boundary: { namePattern: 'string', policyFiles: 'strings' },
  allowedServices: 'strings',
  processorRoles: { namePattern: 'string', allowedActions: 'strings', llmGovernorFunction: 'string' },
  buckets: { namePattern: 'string', logBucketPattern: 'string' },
  requiredTags: 'strings',
  deploymentMode: 'mode',
  readOnlyRoles: { namePatterns: 'strings' },
  teamRoles: { namePatterns: 'strings', trustedPrincipals: 'strings' },
  disabledRules: 'strings',
};

/** Keys a complete profile may leave out (the rules they drive are then off). */
const OPTIONAL = new Set(['extends', 'description', 'readOnlyRoles', 'teamRoles', 'disabledRules']);

/** The folder holding the built-in profile files, from source or from a bundle. */
export function builtinProfileDir(): string {
  const candidates = [
    join(__dirname, 'profiles'),
    join(__dirname, '..', 'profiles'),
    join(__dirname, '..', '..', 'profiles'),
  ];
  const found = candidates.find((d) => existsSync(join(d, 'pennsieve.yaml')));
  if (!found) throw new GuardError('The built-in profiles are missing from this installation', 'internal');
  return found;
}

/**
 * Loads `spec`: a built-in name, or a path (relative to `cwd`). Without `spec`, the workspace
 * profile file in `cwd` or a parent folder, else the built-in `pennsieve`.
 */
export function loadProfile(spec: string | undefined, cwd: string): Profile {
  if (!spec) {
    const ws = findWorkspaceProfile(cwd);
    return ws ? loadFile(ws, []) : loadBuiltin('pennsieve');
  }
  if ((BUILTIN_PROFILES as readonly string[]).includes(spec)) return loadBuiltin(spec);
  const file = isAbsolute(spec) ? spec : resolve(cwd, spec);
  if (!existsSync(file)) {
    throw new GuardError(
      `Unknown profile (not a built-in: ${BUILTIN_PROFILES.join(', ')}; no such file): ${spec}`,
      'usage',
    );
  }
  return loadFile(file, []);
}

/** The nearest workspace profile file at or above `dir`. */
export function findWorkspaceProfile(dir: string): string | undefined {
  let cur = resolve(dir);
  for (;;) {
    const candidate = join(cur, WORKSPACE_PROFILE_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(cur);
    if (parent === cur) return undefined;
    cur = parent;
  }
}

function loadBuiltin(name: string): Profile {
  const p = loadFile(join(builtinProfileDir(), `${name}.yaml`), []);
  return { ...p, source: `builtin:${name}` };
}

function loadFile(file: string, chain: string[]): Profile {
  if (chain.includes(file)) throw new GuardError(`Profile extends itself: ${[...chain, file].join(' -> ')}`, 'usage');
  let raw: unknown;
  try {
    raw = parse(readProfileText(file));
  } catch (err) {
    throw new GuardError(`Cannot read profile ${file}: ${(err as Error).message.split('\n')[0]}`, 'usage');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new GuardError(`A profile must be a YAML mapping: ${file}`, 'usage');
  validate(raw as Record<string, unknown>, SHAPE, '', file);
  const data = raw as Record<string, unknown>;
  let base: Record<string, unknown> = {};
  if (typeof data.extends === 'string') {
    const parent = (BUILTIN_PROFILES as readonly string[]).includes(data.extends)
      ? join(builtinProfileDir(), `${data.extends}.yaml`)
      : resolve(dirname(file), data.extends);
    base = loadFile(parent, [...chain, file]) as unknown as Record<string, unknown>;
  }
  const merged = deepMerge(base, data);
  delete merged.extends;
  requireComplete(merged, SHAPE, '', file);
  const unknownRule = ((merged.disabledRules as string[] | undefined) ?? []).find(
    (id) => !RULES.some((r) => r.id === id),
  );
  if (unknownRule !== undefined)
    throw new GuardError(`Profile key disabledRules names no rule in ${file}: ${unknownRule}`, 'usage');
  return { ...(merged as unknown as Profile), source: file };
}

/**
 * A profile file's text. It may come from the checked repository: a FIFO or device there must not
 * block the server, nor a huge file exhaust it.
 */
function readProfileText(file: string): string {
  const r = readInside(file, { roots: [parsePath(resolve(file)).root], maxBytes: 1024 * 1024 });
  if (r.kind !== 'text') throw new Error(r.reason);
  return r.text;
}

function validate(obj: Record<string, unknown>, shape: Shape, path: string, file: string): void {
  for (const [key, value] of Object.entries(obj)) {
    const kind = shape[key];
    const where = `${path}${key}`;
    if (!kind) throw new GuardError(`Unknown profile key in ${file}: ${where}`, 'usage');
    if (typeof kind === 'object') {
      if (!value || typeof value !== 'object' || Array.isArray(value))
        throw new GuardError(`Profile key ${where} must be a mapping in ${file}`, 'usage');
      validate(value as Record<string, unknown>, kind, `${where}.`, file);
    } else if (!fits(kind, value)) {
      throw new GuardError(`Profile key ${where} must be ${describe(kind)} in ${file}`, 'usage');
    }
  }
}

function fits(kind: string, v: unknown): boolean {
  switch (kind) {
    case 'strings':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'mode':
      return (['basic', 'secure', 'compliant'] as DeploymentMode[]).includes(v as DeploymentMode);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v > 0;
    default:
      return typeof v === kind;
  }
}

function describe(kind: string): string {
  return kind === 'strings' ? 'a list of strings' : kind === 'mode' ? 'one of basic, secure, compliant' : `a ${kind}`;
}

function requireComplete(obj: Record<string, unknown>, shape: Shape, path: string, file: string): void {
  for (const [key, kind] of Object.entries(shape)) {
    const v = obj[key];
    if (OPTIONAL.has(`${path}${key}`) && v === undefined) continue;
    if (v === undefined)
      throw new GuardError(`Profile ${file} lacks ${path}${key} (add it or use "extends: pennsieve")`, 'usage');
    if (typeof kind === 'object') requireComplete(v as Record<string, unknown>, kind, `${path}${key}.`, file);
  }
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b)
        ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}
