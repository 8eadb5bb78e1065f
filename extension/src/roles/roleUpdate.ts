// Update Role to Latest Template…, without editor types: the request for the language server
// (both documents with the external ID masked the same way), and the delta as Markdown for the
// user to review before anything is applied.

import type { GuaranteeSubject } from '../../../shared/protocol';
import type { RoleUpdateParams, RoleUpdateResult } from '../../../shared/roleProtocol';
import type { Account, RolePolicy } from '../api/accounts';
import { liveRoleDocument, registeredTemplateDocument } from '../audit/roleDocuments';
import type { LiveRole } from '../aws/crossAccountRole';

/** The request: the live role as it is, and the template as this account would have it. */
export function roleUpdateParams(
  uri: string,
  live: LiveRole,
  policy: RolePolicy,
  account: Pick<Account, 'roleName' | 'externalId'>,
  folderUri?: string,
): RoleUpdateParams {
  return {
    uri,
    text: liveRoleDocument(live),
    template: registeredTemplateDocument(policy, account),
    ...(folderUri ? { folderUri } : {}),
  };
}

type Verdicts = { proved: number; counterexample: string[]; unknown: string[] };

function verdictsOf(subjects: readonly GuaranteeSubject[]): Verdicts {
  const out: Verdicts = { proved: 0, counterexample: [], unknown: [] };
  for (const s of subjects) {
    for (const g of s.guarantees) {
      if (g.verdict === 'proved') out.proved++;
      else out[g.verdict].push(`${g.ruleId} ${g.title}`);
    }
  }
  return out;
}

function verdictLine(label: string, v: Verdicts): string {
  const broken = v.counterexample.length ? `; ✗ ${v.counterexample.join(', ')}` : '';
  const open = v.unknown.length ? `; ? ${v.unknown.join(', ')}` : '';
  return `- **${label}**: ✓ ${v.proved} proved${broken}${open}`;
}

function list(items: readonly string[], max = 12): string {
  const shown = items
    .slice(0, max)
    .map((a) => `\`${a}\``)
    .join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** The delta as Markdown: guarantees before and after, then per service what is added and removed. */
export function describeUpdate(roleName: string, r: RoleUpdateResult): string {
  const lines = [
    `# Update ${roleName} to the latest template`,
    '',
    '## Guarantees',
    verdictLine('Now (live role)', verdictsOf(r.before.guarantees)),
    verdictLine('After the update', verdictsOf(r.after.guarantees)),
    '',
  ];
  lines.push('## Permissions per service', '');
  if (r.services.length === 0) lines.push('No action is added or removed.');
  for (const s of r.services) {
    lines.push(`### ${s.service}`);
    if (s.added.length) lines.push(`- added: ${list(s.added)}`);
    if (s.removed.length) lines.push(`- removed: ${list(s.removed)}`);
  }
  if (r.resources.length) lines.push('', '## Resources per service', '');
  for (const s of r.resources) {
    lines.push(`### ${s.service}`);
    if (s.resourcesAdded.length) lines.push(`- added: ${list(s.resourcesAdded)}`);
    if (s.resourcesRemoved.length) lines.push(`- removed: ${list(s.resourcesRemoved)}`);
  }
  if (r.trustChanged)
    lines.push(
      '',
      '## Trust policy',
      '',
      'The trust policy is replaced by the template’s (with this account’s external ID).',
    );
  return `${lines.join('\n')}\n`;
}
