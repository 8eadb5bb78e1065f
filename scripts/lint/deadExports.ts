// `npm run lint` (part 2): exports that nothing uses. ESLint cannot see across files with a flat
// config (import-x/no-unused-modules needs the legacy one), so this reads the TypeScript program
// of tsconfig.json: an export is dead when no other file imports it and its own file does not
// use it either. Entry points that code outside the program calls are listed in ENTRY_POINTS.

import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../harness/paths';

/** Exports called from outside the TypeScript program (VS Code, the bin launchers, esbuild). */
const ENTRY_POINTS: Readonly<Record<string, readonly string[]>> = {
  // VS Code calls these on the bundle.
  'extension/src/extension.ts': ['activate', 'deactivate'],
  // server/bin/*.js call these on the bundles.
  'server/src/cli.ts': ['runCli'],
  'server/src/server.ts': ['startServer', 'createServerTransport'],
};

/**
 * Unused exports in files other engineers are changing now (#14, item 6): each is to be deleted
 * by the file's owner, then removed from here. A listed export that is used again, or gone,
 * fails the check too, so the list only shrinks.
 */
const KNOWN_UNUSED: Readonly<Record<string, readonly string[]>> = {
  'server/src/model/source.ts': ['SourceKind'],
};

/** One unused export. */
export interface DeadExport {
  readonly file: string;
  readonly line: number;
  readonly name: string;
}

function loadProgram(): ts.Program {
  const configFile = join(repoRoot, 'tsconfig.json');
  const read = ts.readConfigFile(configFile, ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configFile));
  return ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
}

/** The symbol an export or import finally names (through re-exports and aliases). */
function resolve(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The module a specifier (`'./x'`, `require('./x')`, `import('./x')`) names, if it is ours. */
function moduleOf(checker: ts.TypeChecker, specifier: ts.Expression): ts.Symbol | undefined {
  const symbol = checker.getSymbolAtLocation(specifier);
  return symbol?.flags && symbol.flags & ts.SymbolFlags.ValueModule ? symbol : undefined;
}

/** Marks what one file imports from others: named imports one by one, anything else whole. */
function collectImports(checker: ts.TypeChecker, file: ts.SourceFile, used: Set<ts.Symbol>): void {
  const useAll = (specifier: ts.Expression) => {
    const mod = moduleOf(checker, specifier);
    if (mod) for (const e of checker.getExportsOfModule(mod)) used.add(resolve(checker, e));
  };
  const useNamed = (specifier: ts.Expression, names: readonly string[]) => {
    const mod = moduleOf(checker, specifier);
    if (!mod) return;
    for (const e of checker.getExportsOfModule(mod)) if (names.includes(e.name)) used.add(resolve(checker, e));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (node.moduleSpecifier) {
        const bindings = clause?.namedBindings ?? (ts.isExportDeclaration(node) ? node.exportClause : undefined);
        if (bindings && (ts.isNamedImports(bindings) || ts.isNamedExports(bindings))) {
          useNamed(
            node.moduleSpecifier,
            bindings.elements.map((e) => (e.propertyName ?? e.name).text),
          );
        } else if (bindings || ts.isExportDeclaration(node)) {
          useAll(node.moduleSpecifier);
        }
        if (clause?.name) useNamed(node.moduleSpecifier, ['default']);
      }
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) useAll(node.arguments[0]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** Symbols an identifier of `file` refers to, other than where they are declared. */
function collectLocalUses(checker: ts.TypeChecker, file: ts.SourceFile, used: Set<ts.Symbol>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isDeclarationName = (parent as { name?: ts.Node }).name === node && ts.isDeclarationStatement(parent);
      const symbol = checker.getSymbolAtLocation(node);
      if (symbol && !isDeclarationName && !ts.isExportSpecifier(parent))
        used.add(resolve(checker, checker.getExportSymbolOfSymbol(symbol)));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** Every export of the project's files that nothing uses, in file order. */
export function findDeadExports(program: ts.Program = loadProgram()): DeadExport[] {
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
  const used = new Set<ts.Symbol>();
  for (const file of files) collectImports(checker, file, used);
  const dead: DeadExport[] = [];
  for (const file of files) {
    const mod = checker.getSymbolAtLocation(file);
    if (!mod) continue;
    const rel = relative(repoRoot, file.fileName);
    const local = new Set<ts.Symbol>();
    collectLocalUses(checker, file, local);
    for (const e of checker.getExportsOfModule(mod)) {
      const target = resolve(checker, e);
      if (used.has(target) || local.has(target) || ENTRY_POINTS[rel]?.includes(e.name)) continue;
      const decl = e.declarations?.[0];
      const line = decl ? file.getLineAndCharacterOfPosition(decl.getStart()).line + 1 : 0;
      dead.push({ file: rel, line, name: e.name });
    }
  }
  return dead;
}

/** The dead exports not in KNOWN_UNUSED, and the KNOWN_UNUSED entries that are not dead (any more). */
export function compareWithKnown(dead: readonly DeadExport[]): {
  readonly unexpected: DeadExport[];
  readonly stale: string[];
} {
  const isKnown = (d: DeadExport) => KNOWN_UNUSED[d.file]?.includes(d.name) ?? false;
  const found = new Set(dead.map((d) => `${d.file} ${d.name}`));
  const stale = Object.entries(KNOWN_UNUSED).flatMap(([file, names]) =>
    names.filter((n) => !found.has(`${file} ${n}`)).map((n) => `${file} ${n}`),
  );
  return { unexpected: dead.filter((d) => !isKnown(d)), stale };
}

if (require.main === module) {
  const dead = findDeadExports();
  const { unexpected, stale } = compareWithKnown(dead);
  for (const d of unexpected)
    process.stdout.write(`${d.file}:${d.line}  ${d.name} is exported but never used: delete it\n`);
  for (const s of stale)
    process.stdout.write(
      `${s}: listed in KNOWN_UNUSED (scripts/lint/deadExports.ts) but used or gone: remove it from the list\n`,
    );
  const known = dead.length - unexpected.length;
  process.stdout.write(
    `dead exports: ${unexpected.length} new, ${known} known (KNOWN_UNUSED), ${stale.length} stale list entries\n`,
  );
  process.exitCode = unexpected.length || stale.length ? 1 : 0;
}
