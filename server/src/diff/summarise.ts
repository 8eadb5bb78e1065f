// Class answers → changes per service and resource pattern, each with an example request and
// the token that lets it in.

import type { Catalog } from '../catalog/catalog';
import { statementCoversAction } from '../iam/statementEval';
import type { Loc } from '../model/loc';
import type { Statement } from '../model/policy';
import { renderPStr } from '../model/pstr';
import type { ClassAnswer } from './gained';
import type { PermissionChange } from './types';

/** Groups answers by status, service and the allowing statement's Resource; `causeIn` says which version allows. */
export function summarise(
  catalog: Catalog,
  answers: readonly ClassAnswer[],
  causeIn: 'current' | 'baseline',
): PermissionChange[] {
  const groups = new Map<string, { first: ClassAnswer; actions: string[]; resources: string[] }>();
  for (const ans of answers) {
    const st = ans.status === 'yes' ? ans.witness.allowedBy?.statement : undefined;
    const resources = st ? resourcesOf(st) : ['*'];
    for (const a of ans.actions) {
      const service = a.slice(0, a.indexOf(':'));
      const key = [ans.status, service, resources.join(','), ans.status === 'unknown' ? ans.reason : ''].join('|');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { first: ans, actions: [], resources }));
      g.actions.push(a);
    }
  }
  return [...groups.values()]
    .map((g) => toChange(catalog, g.first, [...new Set(g.actions)].sort(), g.resources, causeIn))
    .sort(byService);
}

function toChange(
  catalog: Catalog,
  ans: ClassAnswer,
  actions: string[],
  resources: string[],
  causeIn: 'current' | 'baseline',
): PermissionChange {
  const service = actions[0].slice(0, actions[0].indexOf(':'));
  const serviceActions = catalog.actionsOf(service).length;
  const missing = serviceActions - actions.length;
  const except =
    missing > 0 && missing <= 3 && serviceActions > 6
      ? catalog
          .actionsOf(service)
          .map((a) => a.name)
          .filter((a) => !actions.includes(a))
      : undefined;
  if (ans.status === 'unknown')
    return {
      status: 'unknown',
      service,
      actions,
      serviceActions,
      except,
      resources,
      reason: ans.reason,
      reasonLoc: ans.loc,
    };
  const example = ans.witness.request;
  return {
    status: 'yes',
    service,
    actions,
    serviceActions,
    except,
    resources,
    example,
    cause: causeOf(catalog, ans.witness.allowedBy?.statement, example.action),
    causeIn,
    droppedDeny: ans.droppedDeny,
  };
}

function resourcesOf(st: Statement): string[] {
  if (st.resource) return st.resource.items.map((i) => renderPStr(i.value));
  if (st.notResource) return st.notResource.items.map((i) => `not ${renderPStr(i.value)}`);
  return ['*'];
}

/** The Action entry that covers `action`, else the statement. */
export function causeOf(catalog: Catalog, st: Statement | undefined, action: string): Loc | undefined {
  if (!st) return undefined;
  return statementCoversAction(catalog, st, action, {}).item?.loc ?? st.action?.loc ?? st.notAction?.loc ?? st.loc;
}

function byService(a: PermissionChange, b: PermissionChange): number {
  return a.service < b.service
    ? -1
    : a.service > b.service
      ? 1
      : a.status < b.status
        ? 1
        : a.status > b.status
          ? -1
          : 0;
}

/** How people read a group's actions: `s3:*`, `s3:* except s3:GetObject`, `s3:GetObject`, or `s3:GetObject and 11 more`. */
export function actionsLabel(c: Pick<PermissionChange, 'service' | 'actions' | 'serviceActions' | 'except'>): string {
  if (c.actions.length === 0) return 'permissions';
  if (c.actions.length >= c.serviceActions) return `${c.service}:*`;
  if (c.except) return `${c.service}:* except ${c.except.join(', ')}`;
  if (c.actions.length <= 2) return c.actions.join(', ');
  return `${c.actions[0]} and ${c.actions.length - 1} more`;
}
