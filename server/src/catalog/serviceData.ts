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

/**
 * Parses `<dir>/<parts>` as JSON; undefined when the file does not exist. Callers pass only
 * names from the catalog itself; any other read error (a damaged install) throws and is reported.
 */
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

const LEVELS: Readonly<Record<string, AccessLevel>> = {
  R: 'Read',
  L: 'List',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

/** `actions-index.json` (written by scripts/build-catalog.mjs): service -> "Name CODES;Name CODES". */
export type ActionIndex = Readonly<Record<string, string>>;

/**
 * One service's actions from the compact index: names and access levels at once, the rest
 * (resource types, condition keys, description) read from the full file on first use.
 */
export function serviceActionsFromIndex(dir: string, service: string, entry: string): ServiceActions {
  let details: ServiceActions | undefined;
  const detail = (lowerName: string): ActionInfo | undefined => {
    details ??= loadServiceActions(dir, service);
    return details.byName.get(lowerName);
  };
  const byName = new Map<string, ActionInfo>();
  const list: ActionInfo[] = [];
  for (const item of entry ? entry.split(';') : []) {
    const space = item.lastIndexOf(' ');
    const name = item.slice(0, space);
    const accessLevels = [...item.slice(space + 1)].map((c) => LEVELS[c]).filter((l): l is AccessLevel => !!l);
    const info = new IndexedAction(service, name, accessLevels, () => detail(name.toLowerCase()));
    byName.set(name.toLowerCase(), info);
    list.push(info);
  }
  return { byName, list };
}

/** An action known by name and access level; its details load with the service's full file. */
class IndexedAction implements ActionInfo {
  readonly name: string;
  readonly accessLevel: string;

  constructor(
    readonly service: string,
    shortName: string,
    readonly accessLevels: readonly AccessLevel[],
    private readonly full: () => ActionInfo | undefined,
  ) {
    this.name = `${service}:${shortName}`;
    this.accessLevel = accessLevels.join(', ');
  }

  get resourceTypes(): readonly ActionResourceType[] {
    return this.full()?.resourceTypes ?? [];
  }
  get conditionKeys(): readonly string[] {
    return this.full()?.conditionKeys ?? [];
  }
  get description(): string {
    return this.full()?.description ?? '';
  }
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
