// Who can newly (or no longer) assume a role: every principal either version's trust policy
// names, plus an outsider (a principal of an account no policy names, as PG101 asks), each asked
// "does the trust policy now let it in where it did not before?".

import type { Catalog } from '../catalog/catalog';
import type { RequestPrincipal } from '../iam/principal';
import { STAND_INS } from '../iam/standIns';
import type { PolicyDoc } from '../model/policy';
import { textOf } from '../model/pstr';
import { strangerAccount, strangerKeys, strangerPrincipal } from '../rules/trust/stranger';
import { gainedRequests, type Asker } from './gained';
import { causeOf } from './summarise';
import type { TrustChange } from './types';

const TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/** Principals `after` lets call an sts action that `before` does not. */
export function trustGained(
  catalog: Catalog,
  after: PolicyDoc | undefined,
  before: PolicyDoc | undefined,
  causeIn: 'current' | 'baseline',
): TrustChange[] {
  if (!after) return [];
  const docs = [after, ...(before ? [before] : [])];
  const actions = catalog.actionsOf('sts').map((a) => a.name);
  const account = strangerAccount(docs);
  const askers: { asker: Asker; who: RequestPrincipal; outsider: boolean }[] = [
    ...namedPrincipals(docs).map((who) => ({ asker: { principal: who }, who, outsider: false })),
    {
      asker: { principal: strangerPrincipal(account), keys: strangerKeys(account, docs, catalog.patterns) },
      who: strangerPrincipal(account),
      outsider: true,
    },
  ];
  const out: TrustChange[] = [];
  for (const { asker, who, outsider } of askers) {
    const answers = gainedRequests(
      catalog,
      { identity: [after] },
      { identity: before ? [before] : [] },
      actions,
      asker,
    );
    const yes = answers.filter((a) => a.status === 'yes');
    const unknown = answers.filter((a) => a.status === 'unknown');
    const base = { principal: outsider ? 'an outsider' : who.value, principalType: who.type, outsider };
    if (yes.length > 0) {
      const w = yes[0].status === 'yes' ? yes[0].witness : undefined;
      const acts = yes.flatMap((a) => a.actions).sort();
      out.push({
        ...base,
        status: 'yes',
        actions: acts,
        example: w?.request,
        cause: causeOf(catalog, w?.allowedBy?.statement, acts[0]) ?? w?.allowedBy?.statement.principal?.loc,
        causeIn,
      });
    }
    if (unknown.length > 0 && unknown[0].status === 'unknown') {
      out.push({
        ...base,
        status: 'unknown',
        actions: unknown.flatMap((a) => a.actions).sort(),
        reason: unknown[0].reason,
        reasonLoc: unknown[0].loc,
      });
    }
  }
  return out;
}

/** Each concrete principal the documents name (`*` and wildcard patterns are the outsider's). */
function namedPrincipals(docs: readonly PolicyDoc[]): RequestPrincipal[] {
  const seen = new Map<string, RequestPrincipal>();
  for (const d of docs)
    for (const st of d.statements)
      for (const spec of [st.principal, st.notPrincipal])
        for (const e of spec?.entries ?? []) {
          if (!TYPES.has(e.type)) continue;
          for (const it of e.items.items) {
            const t = textOf(it.value);
            if (t === undefined || t.includes('*') || t.includes('?')) continue;
            const value = e.type === 'AWS' && /^\d{12}$/.test(t) ? `arn:${STAND_INS.partition}:iam::${t}:root` : t;
            seen.set(`${e.type}|${value}`, { type: e.type as RequestPrincipal['type'], value });
          }
        }
  return [...seen.values()];
}
