// The declarations of one module directory, gathered across all of its files.

import type { Attribute, Block, Body } from '../hcl/ast';
import type { ParsedTfFile } from './hclFileCache';

/** A declaration and the id of the file it is written in. */
export interface Decl<T> {
  readonly node: T;
  readonly file: string;
}

/** A `resource` or `data` block. */
export interface ResourceDecl {
  readonly block: Block;
  readonly file: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_iam_role.x` or `data.aws_iam_policy_document.y`. */
  readonly address: string;
}

/** Everything a module declares, by name. */
export interface ModuleIndex {
  readonly variables: ReadonlyMap<string, Decl<Block>>;
  /** Values from `terraform.tfvars` and `*.auto.tfvars` (later files win). */
  readonly tfvars: ReadonlyMap<string, Decl<Attribute>>;
  readonly locals: ReadonlyMap<string, Decl<Attribute>>;
  /** Resources and data sources by address, in file and source order. */
  readonly resources: ReadonlyMap<string, ResourceDecl>;
  /** Managed resource types declared in the module (reference roots such as `aws_iam_role`). */
  readonly resourceTypes: ReadonlySet<string>;
  readonly providers: readonly Decl<Block>[];
  readonly modules: ReadonlySet<string>;
  /** `module` blocks by name (see moduleCall.ts). */
  readonly moduleCalls: ReadonlyMap<string, Decl<Block>>;
  /** `output` blocks by name (what a caller reads as `module.<name>.<output>`). */
  readonly outputs: ReadonlyMap<string, Decl<Block>>;
}

/** Collects the declarations of `files` (already in a stable order). */
export function buildModuleIndex(files: readonly ParsedTfFile[]): ModuleIndex {
  const index = emptyMutable();
  for (const f of files) if (f.kind === 'tf' || f.kind === 'tfjson') addConfig(index, f.body, f.id);
  const tfvars = new Map<string, Decl<Attribute>>();
  for (const f of tfvarsOrder(files)) {
    for (const item of f.body.items)
      if (item.kind === 'attribute') tfvars.set(item.name.name, { node: item, file: f.id });
  }
  return { ...index, tfvars };
}

type MutableIndex = ReturnType<typeof emptyMutable>;
function emptyMutable() {
  return {
    variables: new Map<string, Decl<Block>>(),
    locals: new Map<string, Decl<Attribute>>(),
    resources: new Map<string, ResourceDecl>(),
    resourceTypes: new Set<string>(),
    providers: [] as Decl<Block>[],
    modules: new Set<string>(),
    moduleCalls: new Map<string, Decl<Block>>(),
    outputs: new Map<string, Decl<Block>>(),
  };
}

function addConfig(index: MutableIndex, body: Body, file: string): void {
  for (const item of body.items) {
    if (item.kind !== 'block') continue;
    const [l0, l1] = item.labels;
    switch (item.type.name) {
      case 'variable':
        if (l0 && !index.variables.has(l0.value)) index.variables.set(l0.value, { node: item, file });
        break;
      case 'locals':
        for (const a of item.body.items)
          if (a.kind === 'attribute' && !index.locals.has(a.name.name))
            index.locals.set(a.name.name, { node: a, file });
        break;
      case 'resource':
      case 'data':
        if (l0 && l1) addResource(index, item, file);
        break;
      case 'provider':
        index.providers.push({ node: item, file });
        break;
      case 'module':
        if (l0) index.modules.add(l0.value);
        if (l0 && !index.moduleCalls.has(l0.value)) index.moduleCalls.set(l0.value, { node: item, file });
        break;
      case 'output':
        if (l0 && !index.outputs.has(l0.value)) index.outputs.set(l0.value, { node: item, file });
        break;
    }
  }
}

function addResource(index: MutableIndex, block: Block, file: string): void {
  const mode = block.type.name === 'data' ? 'data' : 'managed';
  const type = block.labels[0].value;
  const name = block.labels[1].value;
  const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
  if (index.resources.has(address)) return;
  index.resources.set(address, { block, file, mode, type, name, address });
  if (mode === 'managed') index.resourceTypes.add(type);
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by file name: later wins. */
function tfvarsOrder(files: readonly ParsedTfFile[]): ParsedTfFile[] {
  const rank = (f: ParsedTfFile) =>
    /(^|[\\/])terraform\.tfvars$/.test(f.path) ? 0 : /(^|[\\/])terraform\.tfvars\.json$/.test(f.path) ? 1 : 2;
  const name = (f: ParsedTfFile) => f.path.replace(/^.*[\\/]/, '');
  return files
    .filter((f) => f.kind === 'tfvars' || f.kind === 'tfvarsjson')
    .sort((a, b) => rank(a) - rank(b) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}
