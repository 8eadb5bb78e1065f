// Quick fixes in Pulumi YAML programs. Operator, action and session fixes are plain YAML edits
// (the generic builders); inputs are `config:` values referenced as `${name}`, boundaries refer to
// the policy resource (`${boundary.arn}`), and getPolicyDocument statements keep their shape.

import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import type { Loc } from '../../model/loc';
import type { FixHint } from '../../core/finding';
import { DENY_TITLES, denySpec, iamStatement, insertStatements, type DenySpec } from './addDenyStatements';
import { capSessionDurationFix } from './capSessionDuration';
import { boundaryPolicyOf, roleByAddress } from './modelLookup';
import { replaceActionFix } from './replaceAction';
import { replaceOperatorFix } from './replaceOperator';
import { DOC_KEYS, docStatement } from './scriptFixes';
import { indentUnit, lineStart } from './text';
import type { Fix, FixContext, TextEdit } from './types';
import type { FixValue } from './values';
import { appendToSeq, collectionAt, insertIntoMap, mapPair, pairWithKeyAt, parseYaml } from './yamlEdits';

/** True for a YAML file the model read as a Pulumi program. */
export function isPulumiYamlFile(file: string, ctx: FixContext): boolean {
  return ctx.model.units.some((u) => u.id === file && u.language === 'pulumi');
}

interface YamlSite {
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly unit: string;
}

/** The fix for a hint in a Pulumi YAML program; undefined when it cannot be applied there. */
export function pulumiYamlFix(hint: FixHint, file: string, ctx: FixContext): Fix | undefined {
  const text = ctx.text(file);
  if (text === undefined) return undefined;
  const site: YamlSite = { file, text, doc: parseYaml(text), unit: indentUnit(text) };
  switch (hint.kind) {
    case 'replaceOperator':
      return replaceOperatorFix(hint, ctx);
    case 'replaceAction':
      return replaceActionFix(hint, ctx);
    case 'capSessionDuration':
      return capSessionDurationFix(hint, ctx);
    case 'addExternalId':
      return titled(
        'Add an sts:ExternalId condition (from the stack configuration)',
        addExternalId(site, hint.statementLoc),
      );
    case 'addBoundary':
      return addBoundary(site, hint, ctx);
    case 'addDenyStatements':
      return titled(
        DENY_TITLES[hint.denyKind],
        yamlStatements(hint.statementListLoc, [denySpec(hint.denyKind, hint.actions, hint.statementListLoc, ctx)], ctx),
      );
  }
}

function titled(title: string, edits: TextEdit[] | undefined): Fix | undefined {
  return edits ? { title, edits, isPreferred: true } : undefined;
}

function addExternalId(site: YamlSite, loc: Loc): TextEdit[] | undefined {
  const stmt = collectionAt(site.doc, loc.start);
  if (!isMap(stmt)) return undefined;
  const value = { raw: '${externalId}' };
  const isDoc = stmt.items.some((p) => DOC_KEYS.has(String((p.key as { value?: unknown } | null)?.value)));
  const edit = isDoc
    ? docCondition(site, stmt, value)
    : setIn(site, stmt, ['Condition', 'StringEquals', 'sts:ExternalId'], value);
  return edit ? [edit, ...declareConfig(site, 'externalId')] : undefined;
}

function docCondition(site: YamlSite, stmt: YAMLMap, value: FixValue): TextEdit | undefined {
  const entry = { test: 'StringEquals', variable: 'sts:ExternalId', values: [value] };
  const conditions = mapPair(stmt, 'conditions');
  if (!conditions) return insertIntoMap(site.text, site.file, stmt, { conditions: [entry] }, site.unit);
  return isSeq(conditions.value) ? appendToSeq(site.text, site.file, conditions.value, [entry], site.unit) : undefined;
}

/** Sets `map.a.b.c` (creating missing block maps); undefined when a step is not a block map. */
function setIn(site: YamlSite, map: YAMLMap, path: readonly string[], value: FixValue): TextEdit | undefined {
  const [head, ...rest] = path;
  const pair = mapPair(map, head);
  if (!pair)
    return insertIntoMap(
      site.text,
      site.file,
      map,
      { [head]: rest.reduceRight<FixValue>((inner, k) => ({ [k]: inner }), value) },
      site.unit,
    );
  const r = pair.value?.range;
  if (rest.length === 0)
    return r ? { file: site.file, start: r[0], end: r[1], newText: (value as { raw: string }).raw } : undefined;
  return isMap(pair.value) ? setIn(site, pair.value, rest, value) : undefined;
}

/** Declares `config: <name>: type: string` unless the program declares it. */
function declareConfig(site: YamlSite, name: string): TextEdit[] {
  const top = site.doc.contents;
  if (!isMap(top)) return [];
  const section = mapPair(top, 'config') ?? mapPair(top, 'configuration');
  if (section) {
    if (!isMap(section.value) || mapPair(section.value, name)) return [];
    const edit = insertIntoMap(site.text, site.file, section.value, { [name]: { type: 'string' } }, site.unit);
    return edit ? [edit] : [];
  }
  const resources = mapPair(top, 'resources');
  const keyStart = (resources?.key as { range?: number[] } | undefined)?.range?.[0];
  if (keyStart === undefined) return [];
  const at = lineStart(site.text, keyStart);
  return [
    {
      file: site.file,
      start: at,
      end: at,
      newText: `config:\n${site.unit}${name}:\n${site.unit}${site.unit}type: string\n`,
    },
  ];
}

function addBoundary(
  site: YamlSite,
  hint: Extract<FixHint, { kind: 'addBoundary' }>,
  ctx: FixContext,
): Fix | undefined {
  const role = roleByAddress(ctx.model, hint.roleAddress);
  const props = role?.resource && collectionAt(site.doc, role.resource.props.loc.start);
  if (!role || !isMap(props)) return undefined;
  const policy =
    (hint.boundaryRef ? ctx.model.policies.find((p) => p.address === hint.boundaryRef) : undefined) ??
    boundaryPolicyOf(ctx.model, role);
  const logical =
    policy?.resource?.loc.file === site.file ? policy.address.slice(policy.address.lastIndexOf(' ') + 1) : undefined;
  const value = { raw: logical ? `\${${logical}.arn}` : '${permissionsBoundaryArn}' };
  const edit = setIn(site, props, ['permissionsBoundary'], value);
  if (!edit) return undefined;
  const title = logical
    ? `Add the permissions boundary ${policy!.address}`
    : 'Add a permissions boundary (its ARN from the stack configuration)';
  return { title, edits: [edit, ...(logical ? [] : declareConfig(site, 'permissionsBoundaryArn'))], isPreferred: true };
}

/** Deny statements in the list whose key is at `loc` (IAM or getPolicyDocument shape), or a new inline policy. */
export function yamlStatements(loc: Loc, specs: readonly DenySpec[], ctx: FixContext): TextEdit[] | undefined {
  const text = ctx.text(loc.file);
  if (text === undefined || specs.length === 0) return undefined;
  const site: YamlSite = { file: loc.file, text, doc: parseYaml(text), unit: indentUnit(text) };
  const pair = pairWithKeyAt(site.doc, loc.start);
  const key = String((pair?.key as { value?: unknown } | undefined)?.value);
  if (pair && key === 'statements' && isSeq(pair.value)) {
    const edit = appendToSeq(text, loc.file, pair.value, specs.map(docStatement), site.unit);
    return edit && [edit];
  }
  if (pair) return insertStatements(loc, specs, ctx);
  const role = ctx.model.roles.find(
    (r) => r.resource?.labelLoc.file === loc.file && r.resource.labelLoc.start === loc.start,
  );
  const props = role?.resource && collectionAt(site.doc, role.resource.props.loc.start);
  if (!isMap(props) || mapPair(props, 'inlinePolicies')) return undefined;
  const policy = {
    name: 'pennsieve-guarantees',
    policy: { 'fn::toJSON': { Version: '2012-10-17', Statement: specs.map(iamStatement) } },
  };
  const edit = insertIntoMap(text, loc.file, props, { inlinePolicies: [policy] }, site.unit);
  return edit && [edit];
}
