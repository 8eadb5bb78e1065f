import type { Catalog } from '../../catalog/catalog';
import type { Finding } from '../../core/finding';
import type { Rule } from '../../core/rule';
import { oneOf } from '../../iam/prove/domains';
import { not } from '../../iam/prove/formula';
import type { KeyDomain } from '../../iam/prove/keys';
import { prove } from '../../iam/prove/prove';
import type { ProofVerdict } from '../../iam/prove/question';
import type { ResourcePolicy } from '../../model/model';
import type { PatternItem, PolicyDoc, Statement } from '../../model/policy';
import { known, textOf } from '../../model/pstr';
import { grantsByEntry } from '../boundary/shared';
import { verdictFindings } from '../support/verdicts';
import {
  asText,
  literalsOf,
  PIN_KEYS,
  strangerAccount,
  strangerKeys,
  strangerPrincipal,
  withConstantHoles,
} from '../trust/stranger';
import { wildcardSpot } from '../trust/wildcardPrincipal';

/** Network sources of the account's own (a VPC, a VPC endpoint): an outsider's request comes from others. */
const NETWORK_KEYS = ['aws:sourcevpc', 'aws:sourcevpce'];

/**
 * PG106. Fires when anyone can use a resource through its resource policy: a principal of an AWS
 * account no policy names (the outsider of PG101, with its own account, ARN and organization, no
 * source keys, and a VPC or VPC endpoint of its own) gets some action the policy allows. That
 * happens with `Principal: "*"`, `{"AWS": "*"}` or an account wildcard unless a condition pins
 * the caller to the account, an organization or a source (aws:PrincipalAccount,
 * aws:PrincipalOrgID, aws:SourceArn, aws:SourceAccount, aws:SourceVpce, ... set to exact values).
 * A service principal is not "anyone". Fix: name the principals, or add such a condition.
 */
export const openResourcePolicy: Rule = {
  id: 'PG106',
  severity: 'error',
  title: 'Resource policy open to anyone',
  summary:
    'A resource-based policy grants access to any principal without a condition that pins the caller to the account, an organization or a source.',
  check({ model, catalog }) {
    const out: Finding[] = [];
    for (const rp of model.resourcePolicies) {
      const { view, verdict, account } = openVerdict(catalog, rp.doc);
      out.push(
        ...verdictFindings(this, catalog, verdict, {
          message: `Any AWS principal can use this ${rp.kind}`,
          fixText:
            'Name the principals, or pin the caller with aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceArn or aws:SourceAccount set to exact values',
          what: `whether the ${rp.kind} is open to anyone`,
          fallback: view.statementLoc,
          at: verdict.verdict === 'counterexample' ? wildcardSpot(verdict.witness.allowedBy?.statement) : undefined,
          subject: subjectOf(rp),
          principal: strangerPrincipal(account).value,
          keysOfInterest: PIN_KEYS,
        }),
      );
    }
    return out;
  },
};

/** How findings and verdict tables name a resource policy. */
export function subjectOf(rp: ResourcePolicy): string {
  return rp.resource ? rp.address : (rp.address.split(/[\\/]/).pop() ?? rp.address);
}

function openVerdict(catalog: Catalog, doc: PolicyDoc): { view: PolicyDoc; verdict: ProofVerdict; account: string } {
  const view = asResourceView(withConstantHoles(doc, new Set([...PIN_KEYS, ...NETWORK_KEYS])));
  const account = strangerAccount([view]);
  const actions = candidateActions(catalog, view);
  if (actions.unknown)
    return { view, account, verdict: { verdict: 'unknown', reason: actions.unknown.reason, loc: actions.unknown.loc } };
  if (actions.list.length === 0) return { view, account, verdict: { verdict: 'proved' } };
  const keys: Record<string, Partial<KeyDomain>> = { ...strangerKeys(account, [view], catalog.patterns) };
  for (const key of NETWORK_KEYS)
    keys[key] = { value: (space) => not(oneOf(space, catalog.patterns, literalsOf([view], key))) };
  return {
    view,
    account,
    verdict: prove(catalog, { identity: [view], actions: actions.list, principal: strangerPrincipal(account), keys }),
  };
}

/**
 * The policy as its resource reads it: an unresolved Resource is the resource itself (one
 * deploy-time value, whatever it is), and an AWS principal whose account is a wildcard
 * (`arn:aws:iam::*:root`) is read as everyone, as its author meant (IAM compares principals
 * literally and rejects or ignores such a value).
 */
function asResourceView(doc: PolicyDoc): PolicyDoc {
  const statements = doc.statements.map((s): Statement => {
    const resource = s.resource && {
      ...s.resource,
      items: s.resource.items.map((it) => ({ ...it, value: asText(it.value) })),
    };
    const principal = s.principal && {
      ...s.principal,
      entries: s.principal.entries.map((e) =>
        e.type === 'AWS' ? { ...e, items: { ...e.items, items: e.items.items.map(accountWildcard) } } : e,
      ),
    };
    return { ...s, resource, principal };
  });
  return { ...doc, statements };
}

function accountWildcard(it: PatternItem): PatternItem {
  const text = textOf(it.value);
  return text !== undefined && /^(arn:[^:]*:(iam|sts)::[^:]*[*?][^:]*:|[0-9]*[*?][0-9*?]*$)/.test(text)
    ? { ...it, value: known('*') }
    : it;
}

/** Every action some Allow statement of the document names (expanded against the catalog). */
function candidateActions(
  catalog: Catalog,
  doc: PolicyDoc,
): { list: string[]; unknown?: { reason: string; loc: PolicyDoc['loc'] } } {
  if (doc.unknownStatements !== undefined)
    return { list: [], unknown: { reason: doc.unknownStatements, loc: doc.statementLoc } };
  const out = new Set<string>();
  for (const s of doc.statements) {
    if (s.effect === 'Deny') continue;
    const g = grantsByEntry(catalog, s);
    if (g.unknown) return { list: [], unknown: g.unknown };
    for (const gr of g.groups) for (const a of gr.actions) out.add(a);
  }
  return { list: [...out] };
}
