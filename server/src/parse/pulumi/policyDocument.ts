// `aws.iam.getPolicyDocument({...})` (and Pulumi YAML's `fn::invoke` of it) as the IAM JSON its
// `.json` output renders, with every element located in the program: statements, principals and
// conditions written the way Terraform's aws_iam_policy_document writes them, in camelCase
// (rendered by parse/policyDocument/renderDocument.ts).

import type { Loc } from '../../model/loc';
import { getEntry, getProp, type ObjVal, type Val } from '../../model/value';
import { documentsOf } from '../policyDocument/policyMerge';
import { PULUMI_NAMES, renderPolicyDocument, statementsToIam } from '../policyDocument/renderDocument';
import { objVal, unknownVal } from '../values';

/** The result of the invoke: an object whose `json` and `minifiedJson` are the document. */
export function policyDocumentResult(args: Val, loc: Loc): Val {
  const doc =
    args.k === 'obj'
      ? renderDocument(args)
      : unknownVal(args.k === 'unknown' ? args.reason : 'the getPolicyDocument arguments are not an object', args.loc);
  return objVal(
    [
      { key: 'json', keyLoc: loc, value: doc },
      { key: 'minifiedJson', keyLoc: loc, value: doc },
      { key: 'id', keyLoc: loc, value: unknownVal('the id of a policy document is known only after deployment', loc) },
    ],
    loc,
  );
}

function renderDocument(args: ObjVal): Val {
  const statementEntry = getEntry(args, 'statements');
  return renderPolicyDocument({
    statements: statementsToIam(statementEntry, PULUMI_NAMES, (s) => s.loc, args.more),
    statementEntry,
    sources: documentsOf(getProp(args, 'sourcePolicyDocuments')),
    overrides: documentsOf(getProp(args, 'overridePolicyDocuments')),
    version: getEntry(args, 'version'),
    id: getEntry(args, 'policyId'),
    header: args.loc,
    loc: args.loc,
  });
}
