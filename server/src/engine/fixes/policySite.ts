// Where a policy element is written: plain or CloudFormation JSON, a JSON heredoc in Terraform,
// CloudFormation YAML, a jsonencode object, or aws_iam_policy_document blocks. Each fix builder
// asks this first, then edits in that syntax.

import type { Node } from 'jsonc-parser';
import type { Document } from 'yaml';
import type { Body } from '../../parse/hcl/ast';
import type { Loc } from '../../model/loc';
import { hclChain, parseHclBody, type HclNode } from './hclEdits';
import { parseRegion, type JsonRegion } from './jsonEdits';
import { fileFormat } from './text';
import { parseYaml } from './yamlEdits';

/** How values refer to inputs in the surrounding file: CloudFormation `Ref`, Terraform `var.`, or not at all. */
export type RefStyle = 'cloudformation' | 'terraform' | 'none';

/** A policy element's syntax with what is needed to edit it there. */
export type PolicySite =
  | {
      readonly kind: 'json';
      readonly region: JsonRegion;
      readonly root: Node;
      readonly refs: RefStyle;
      readonly fileText: string;
    }
  | { readonly kind: 'yaml'; readonly doc: Document.Parsed; readonly text: string }
  | { readonly kind: 'hcl-object'; readonly body: Body; readonly chain: readonly HclNode[]; readonly text: string }
  | { readonly kind: 'hcl-blocks'; readonly body: Body; readonly chain: readonly HclNode[]; readonly text: string };

/** True for a CloudFormation template written in JSON. */
export function isCfnJson(text: string): boolean {
  return /"AWSTemplateFormatVersion"\s*:/.test(text) || /"Type"\s*:\s*"AWS::/.test(text);
}

/** Finds the syntax around `loc` in its file; undefined for files we do not edit (.tf.json). */
export function locateSite(text: string, loc: Loc): PolicySite | undefined {
  const format = fileFormat(loc.file, text);
  if (format === 'json') {
    const region = { file: loc.file, base: 0, text };
    const root = parseRegion(region);
    return root
      ? { kind: 'json', region, root, refs: isCfnJson(text) ? 'cloudformation' : 'none', fileText: text }
      : undefined;
  }
  if (format === 'yaml') return { kind: 'yaml', doc: parseYaml(text), text };
  if (format !== 'hcl') return undefined;
  const body = parseHclBody(text);
  const chain = hclChain(body, loc.start, loc.end);
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if ('kind' in n && n.kind === 'template' && n.form === 'heredoc' && n.body) {
      const region = { file: loc.file, base: n.body.start, text: text.slice(n.body.start, n.body.end) };
      const root = parseRegion(region);
      return root ? { kind: 'json', region, root, refs: 'terraform', fileText: text } : undefined;
    }
    if ('kind' in n && n.kind === 'template') return undefined;
  }
  const inBlocks =
    chain.some(
      (n) =>
        'kind' in n &&
        n.kind === 'block' &&
        (n.type.name === 'statement' || (n.type.name === 'data' && n.labels[0]?.value === 'aws_iam_policy_document')),
    ) && !chain.some((n) => 'kind' in n && n.kind === 'object');
  return inBlocks ? { kind: 'hcl-blocks', body, chain, text } : { kind: 'hcl-object', body, chain, text };
}
