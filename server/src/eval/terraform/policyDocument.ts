// `data "aws_iam_policy_document"` as the IAM JSON it renders (`.json`): its arguments evaluated
// in source order, then rendered by parse/policyDocument/renderDocument.ts (shared with Pulumi).

import type { Val } from '../../model/value';
import { documentsOf } from '../../parse/policyDocument/policyMerge';
import { renderPolicyDocument, statementsToIam, TERRAFORM_NAMES } from '../../parse/policyDocument/renderDocument';
import type { Evaluator } from './evalTypes';
import type { ResourceInstance } from './resourceInstance';

/** The document a policy-document data source renders, as a Val in IAM JSON shape (marked encoded). */
export function policyDocumentJson(ev: Evaluator, inst: ResourceInstance): Val {
  const statementEntry = inst.blockEntry('statement');
  const statements = statementsToIam(statementEntry, TERRAFORM_NAMES, (s) => ev.marks.headers.get(s) ?? s.loc);
  const sources = [
    ...documentsOf(optional(inst, 'source_json')),
    ...documentsOf(optional(inst, 'source_policy_documents')),
  ];
  const overrides = [
    ...documentsOf(optional(inst, 'override_policy_documents')),
    ...documentsOf(optional(inst, 'override_json')),
  ];
  const version = inst.attrEntry('version');
  const id = inst.attrEntry('policy_id');
  const doc = renderPolicyDocument({
    statements,
    statementEntry,
    sources,
    overrides,
    version,
    id,
    header: inst.labelLoc,
    loc: inst.loc,
  });
  return ev.marks.markEncoded(doc);
}

function optional(inst: ResourceInstance, name: string): Val | undefined {
  return inst.has(name) ? inst.attr(name) : undefined;
}
