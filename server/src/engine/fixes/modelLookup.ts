// Finding the model elements a fix hint points at (by location or address).

import type { Loc } from '../../model/loc';
import type { ManagedPolicy, Model, Role } from '../../model/model';
import type { PolicyDoc, Statement } from '../../model/policy';

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

/** Every policy document of the model with the role that uses it, if any. */
export function docsWithRoles(model: Model): { readonly doc: PolicyDoc; readonly role?: Role }[] {
  const out: { doc: PolicyDoc; role?: Role }[] = [];
  for (const role of model.roles) {
    if (role.trust) out.push({ doc: role.trust, role });
    for (const a of role.identity) out.push({ doc: a.doc, role });
  }
  for (const p of model.policies) if (p.doc) out.push({ doc: p.doc, role: p.attachedTo[0] });
  for (const l of model.looseIdentityPolicies) out.push({ doc: l.doc });
  return out;
}

/** The statement containing `loc` (an operator, a key, an action). */
export function statementContaining(
  model: Model,
  loc: Loc,
): { readonly doc: PolicyDoc; readonly statement: Statement } | undefined {
  let best: { doc: PolicyDoc; statement: Statement } | undefined;
  for (const { doc } of docsWithRoles(model)) {
    for (const s of doc.statements) {
      if (
        s.loc.file === loc.file &&
        s.loc.start <= loc.start &&
        loc.end <= s.loc.end &&
        (!best || s.loc.start >= best.statement.loc.start)
      )
        best = { doc, statement: s };
    }
  }
  return best;
}

/** The document whose Statement list (or first statement block) is at `loc`, and its role. */
export function docWithStatementList(
  model: Model,
  loc: Loc,
): { readonly doc: PolicyDoc; readonly role?: Role } | undefined {
  return docsWithRoles(model).find((d) => sameLoc(d.doc.statementLoc, loc));
}

/** The role with a Terraform address or CloudFormation logical id. */
export function roleByAddress(model: Model, address: string): Role | undefined {
  return model.roles.find((r) => r.address === address);
}

/** The boundary policy of a role's unit: one used as a boundary, else one named like it. */
export function boundaryPolicyOf(model: Model, role: Role): ManagedPolicy | undefined {
  const inUnit = model.policies.filter((p) => p.unit === role.unit && p.isBoundary && p.resource);
  return inUnit.find((p) => p.boundaryOf.length > 0) ?? inUnit[0];
}
