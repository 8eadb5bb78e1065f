// PG201: give a role the module's boundary policy as its permissions boundary. Without a
// boundary policy in the unit, the boundary's ARN becomes a variable or parameter.

import { isMap } from 'yaml';
import type { Block } from '../../parse/hcl/ast';
import type { FixHint } from '../../core/finding';
import type { ManagedPolicy, Role } from '../../model/model';
import { ensureCfnParameter, ensureTfVariable } from './declarations';
import { hclChain, insertBlockAttributes, isBlock, parseHclBody } from './hclEdits';
import { jsonSet, nodeStartingAt, parseRegion, pathOf } from './jsonEdits';
import { boundaryPolicyOf, roleByAddress } from './modelLookup';
import { fileFormat, indentUnit } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import { collectionAt, insertIntoMap, parseYaml } from './yamlEdits';

type Hint = Extract<FixHint, { kind: 'addBoundary' }>;

const DESCRIPTION = 'ARN of the permissions boundary policy every role must carry';

/** Edits adding the boundary to the role named by the hint, in its own syntax. */
export function addBoundaryFix(hint: Hint, ctx: FixContext): Fix | undefined {
  const role = roleByAddress(ctx.model, hint.roleAddress);
  const resource = role?.resource;
  if (!role || !resource) return undefined;
  const file = resource.loc.file;
  const text = ctx.text(file);
  if (text === undefined) return undefined;
  const policy =
    (hint.boundaryRef ? ctx.model.policies.find((p) => p.address === hint.boundaryRef) : undefined) ??
    boundaryPolicyOf(ctx.model, role);
  const format = fileFormat(file, text);
  const edits =
    format === 'hcl'
      ? terraformEdits(ctx, role, policy, text)
      : format === 'yaml' || format === 'json'
        ? cloudFormationEdits(role, policy, text, format)
        : undefined;
  if (!edits) return undefined;
  return {
    title: policy
      ? `Add the permissions boundary ${policy.address}`
      : 'Add a permissions boundary (from a new input for its ARN)',
    edits,
    isPreferred: true,
  };
}

function terraformEdits(
  ctx: FixContext,
  role: Role,
  policy: ManagedPolicy | undefined,
  text: string,
): TextEdit[] | undefined {
  const resource = role.resource!;
  const file = resource.loc.file;
  const expr = policy ? `${policy.address}.arn` : 'var.permissions_boundary_arn';
  const decl = policy ? [] : ensureTfVariable(ctx, file, 'permissions_boundary_arn', DESCRIPTION);
  if (role.boundary) {
    const v = role.boundary.value.loc;
    return v.file === file ? [{ file, start: v.start, end: v.end, newText: expr }, ...decl] : undefined;
  }
  const block = hclChain(parseHclBody(text), resource.loc.start, resource.loc.end).find(
    (n): n is Block => isBlock(n) && n.start === resource.loc.start,
  );
  if (!block) return undefined;
  return [insertBlockAttributes(text, file, block, { permissions_boundary: { raw: expr } }, indentUnit(text)), ...decl];
}

function cloudFormationEdits(
  role: Role,
  policy: ManagedPolicy | undefined,
  text: string,
  format: 'json' | 'yaml',
): TextEdit[] | undefined {
  const resource = role.resource!;
  const file = resource.loc.file;
  const ref = policy ? policy.address : 'PermissionsBoundaryArn';
  const decl = policy ? [] : ensureCfnParameter(text, file, 'PermissionsBoundaryArn', DESCRIPTION);
  if (format === 'json') {
    const region = { file, base: 0, text };
    const root = parseRegion(region);
    const props = root && nodeStartingAt(root, region, resource.props.loc.start);
    if (props?.type !== 'object') return undefined;
    return [...jsonSet(region, [...pathOf(props), 'PermissionsBoundary'], { Ref: ref }, text), ...decl];
  }
  if (role.boundary) {
    const v = role.boundary.value.loc;
    // `PermissionsBoundary:` with no value: its location is the key itself.
    const colon = text.slice(v.start, v.end) === 'PermissionsBoundary' ? text.indexOf(':', v.end) : -1;
    if (colon >= 0) return [{ file, start: colon + 1, end: colon + 1, newText: ` !Ref ${ref}` }, ...decl];
    return [{ file, start: v.start, end: v.end, newText: `!Ref ${ref}` }, ...decl];
  }
  const props = collectionAt(parseYaml(text), resource.props.loc.start);
  const edit = isMap(props)
    ? insertIntoMap(text, file, props, { PermissionsBoundary: { raw: `!Ref ${ref}` } }, indentUnit(text))
    : undefined;
  return edit ? [edit, ...decl] : undefined;
}
