// Module-level facts for the Unit: the deployment mode and the AWS provider's default tags.

import type { DeploymentMode, Unit } from '../../model/resources';
import type { ObjVal } from '../../model/value';
import type { Block } from '../../parse/hcl/ast';
import type { Evaluator } from './evalTypes';
import { knownText } from '../../parse/values';

const MODES: readonly DeploymentMode[] = ['basic', 'secure', 'compliant'];

/** The module's own `deployment_mode` (default or tfvars value) when valid, else the profile's. */
export function moduleMode(ev: Evaluator, profileMode: DeploymentMode): Unit['mode'] {
  const decl = ev.index.variables.get('deployment_mode');
  if (decl) {
    const v = ev.variable('deployment_mode', { file: decl.file, start: decl.node.start, end: decl.node.end });
    const text = knownText(v) as DeploymentMode | undefined;
    if (text && MODES.includes(text)) return { value: text, loc: v.loc, source: 'unit' };
  }
  return { value: profileMode, source: 'profile' };
}

/** `provider "aws" { default_tags { tags = {...} } }` of the default (un-aliased) AWS provider. */
export function moduleDefaultTags(ev: Evaluator): ObjVal | undefined {
  const aws = ev.index.providers.filter((p) => p.node.labels[0]?.value === 'aws');
  const chosen = aws.find((p) => !hasAttr(p.node, 'alias')) ?? aws[0];
  if (!chosen) return undefined;
  for (const item of chosen.node.body.items) {
    if (item.kind !== 'block' || item.type.name !== 'default_tags') continue;
    for (const a of item.body.items) {
      if (a.kind !== 'attribute' || a.name.name !== 'tags') continue;
      const v = ev.evalExpr(a.expr, { file: chosen.file });
      return v.k === 'obj' ? v : undefined;
    }
  }
  return undefined;
}

function hasAttr(b: Block, name: string): boolean {
  return b.body.items.some((i) => i.kind === 'attribute' && i.name.name === name);
}
