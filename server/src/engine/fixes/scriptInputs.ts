// What a quick fix in a Pulumi program refers to: a stack configuration value (through the
// program's own `new pulumi.Config()` when it has one, importing @pulumi/pulumi when it must), or
// the variable holding a resource (`boundary.arn`).

import type { Node, Statement, VariableDeclarator } from '@babel/types';
import type { ScriptSite } from './scriptEdits';
import { tsString, unwrap } from './scriptEdits';
import type { TextEdit } from './types';

/**
 * An expression reading configuration key `name` as a plain string at offset `at` (the program's
 * own Config object when it is declared before `at`), and the edits it needs.
 */
export function configValue(
  site: ScriptSite,
  name: string,
  at: number,
): { readonly expr: string; readonly edits: TextEdit[] } {
  const key = tsString(name, site.quote);
  const pulumi = pulumiName(site.body);
  const config = pulumi
    ? configBinding(
        site.body.filter((s) => (s.end ?? 0) <= at),
        pulumi,
      )
    : undefined;
  if (config) return { expr: `${config}.require(${key})`, edits: [] };
  if (pulumi) return { expr: `new ${pulumi}.Config().require(${key})`, edits: [] };
  return { expr: `new pulumi.Config().require(${key})`, edits: [importPulumi(site)] };
}

/** The name the program gives @pulumi/pulumi (`import * as pulumi`, `const pulumi = require(...)`). */
function pulumiName(body: readonly Statement[]): string | undefined {
  for (const s of body) {
    if (s.type === 'ImportDeclaration' && s.source.value === '@pulumi/pulumi' && s.importKind !== 'type') {
      const ns = s.specifiers.find((x) => x.type === 'ImportNamespaceSpecifier' || x.type === 'ImportDefaultSpecifier');
      if (ns) return ns.local.name;
    }
    if (
      s.type === 'TSImportEqualsDeclaration' &&
      s.moduleReference.type === 'TSExternalModuleReference' &&
      s.moduleReference.expression.value === '@pulumi/pulumi'
    )
      return s.id.name;
    for (const d of declarators(s))
      if (d.id.type === 'Identifier' && isRequireOf(d.init, '@pulumi/pulumi')) return d.id.name;
  }
  return undefined;
}

/** A top-level `const <name> = new <pulumi>.Config()` (no namespace argument). */
function configBinding(body: readonly Statement[], pulumi: string): string | undefined {
  for (const s of body) {
    for (const d of declarators(s)) {
      const init = unwrap(d.init);
      if (d.id.type !== 'Identifier' || init?.type !== 'NewExpression' || init.arguments.length > 0) continue;
      const c = init.callee;
      if (
        c.type === 'MemberExpression' &&
        c.object.type === 'Identifier' &&
        c.object.name === pulumi &&
        c.property.type === 'Identifier' &&
        c.property.name === 'Config'
      )
        return d.id.name;
    }
  }
  return undefined;
}

/** The name of a top-level variable initialized with the expression starting at `start`. */
export function variableOf(body: readonly Statement[], start: number): string | undefined {
  for (const s of body)
    for (const d of declarators(s)) if (d.id.type === 'Identifier' && unwrap(d.init)?.start === start) return d.id.name;
  return undefined;
}

function declarators(s: Statement): VariableDeclarator[] {
  const decl = s.type === 'ExportNamedDeclaration' ? s.declaration : s;
  return decl?.type === 'VariableDeclaration' && decl.kind === 'const' ? decl.declarations : [];
}

function isRequireOf(n: Node | null | undefined, module: string): boolean {
  const e = unwrap(n);
  return (
    e?.type === 'CallExpression' &&
    e.callee.type === 'Identifier' &&
    e.callee.name === 'require' &&
    e.arguments[0]?.type === 'StringLiteral' &&
    e.arguments[0].value === module
  );
}

/** `import * as pulumi from "@pulumi/pulumi";` (or a require in a CommonJS file) after the last import. */
function importPulumi(site: ScriptSite): TextEdit {
  const imports = site.body.filter(
    (s) =>
      s.type === 'ImportDeclaration' ||
      s.type === 'TSImportEqualsDeclaration' ||
      declarators(s).some((d) => isRequireOf(d.init, '@pulumi/aws')),
  );
  const esm = site.body.some((s) => s.type === 'ImportDeclaration');
  const line = esm
    ? `import * as pulumi from ${tsString('@pulumi/pulumi', site.quote)};`
    : `const pulumi = require(${tsString('@pulumi/pulumi', site.quote)});`;
  const last = imports[imports.length - 1];
  if (!last) return { file: site.file, start: 0, end: 0, newText: `${line}\n` };
  return { file: site.file, start: last.end ?? 0, end: last.end ?? 0, newText: `\n${line}` };
}
