// Reads one service's iam-data files (actions, resource types, condition keys) synchronously.
// Accepts both the package's files and the trimmed copies written by scripts/build-catalog.mjs.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessLevel, ActionInfo, ActionResourceType } from './catalogTypes';

interface RawResourceRef {
  readonly name: string;
  readonly required?: boolean;
  readonly conditionKeys?: readonly string[];
}
interface RawAction {
  readonly name: string;
  readonly description?: string;
  readonly accessLevel: string;
  readonly resourceTypes?: readonly RawResourceRef[];
  readonly conditionKeys?: readonly string[];
}
interface RawResourceType {
  readonly arn?: string;
  readonly conditionKeys?: readonly string[];
}
/** A condition key entry of `conditionKeys/<service>.json`. */
export interface RawConditionKey {
  readonly key: string;
  readonly description?: string;
  readonly type: string;
}

/** One service's actions, by lower-case action name (without the prefix). */
export interface ServiceActions {
  readonly byName: ReadonlyMap<string, ActionInfo>;
  readonly list: readonly ActionInfo[];
}

/** Parses `<dir>/<parts>` as JSON; undefined when the file does not exist. */
export function readJsonFile<T>(dir: string, ...parts: string[]): T | undefined {
  const file = path.join(dir, ...parts);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return JSON.parse(text) as T;
}

/** Loads `actions/<service>.json` (plus its resource types). Empty when the service has no file. */
export function loadServiceActions(dir: string, service: string): ServiceActions {
  const raw = readJsonFile<Record<string, RawAction>>(dir, 'actions', `${service}.json`) ?? {};
  const types = readJsonFile<Record<string, RawResourceType>>(dir, 'resourceTypes', `${service}.json`) ?? {};
  const byName = new Map<string, ActionInfo>();
  const list: ActionInfo[] = [];
  for (const a of Object.values(raw)) {
    const info = toActionInfo(service, a, types);
    byName.set(a.name.toLowerCase(), info);
    list.push(info);
  }
  return { byName, list };
}

function toActionInfo(service: string, a: RawAction, types: Record<string, RawResourceType>): ActionInfo {
  const resourceTypes: ActionResourceType[] = (a.resourceTypes ?? []).map((r) => {
    const t = types[r.name] ?? types[r.name.toLowerCase()];
    const keys = [...(r.conditionKeys ?? []), ...(t?.conditionKeys ?? [])];
    return { name: r.name, required: r.required === true, arn: t?.arn, conditionKeys: [...new Set(keys)] };
  });
  return {
    service,
    name: `${service}:${a.name}`,
    accessLevel: a.accessLevel,
    accessLevels: a.accessLevel.split(',').map((s) => s.trim() as AccessLevel),
    resourceTypes,
    conditionKeys: a.conditionKeys ?? [],
    description: a.description ?? '',
  };
}
