// Test-only extension for the e2e smoke suite: one small instance of each UI surface the
// workbench helpers drive, so the harness is proven without depending on product features.
const vscode = require('vscode');

const TF_FILES = { pattern: '**/*.tf' };
const FORBIDDEN = 'FORBIDDEN';

/** Tree of plain items; `rename` changes a label in place. */
class ItemTree {
  constructor() {
    this.items = [
      { label: 'alpha', children: [] },
      { label: 'beta', children: [{ label: 'beta-child', children: [] }] },
    ];
    this.changed = new vscode.EventEmitter();
    this.onDidChangeTreeData = this.changed.event;
  }
  getTreeItem(item) {
    const state = item.children.length
      ? vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const treeItem = new vscode.TreeItem(item.label, state);
    treeItem.contextValue = 'item canRename';
    treeItem.iconPath = new vscode.ThemeIcon('symbol-field');
    return treeItem;
  }
  getChildren(item) {
    return item ? item.children : this.items;
  }
}

function checkDocument(diagnostics, document) {
  if (!document.uri.path.endsWith('.tf')) return;
  const found = [];
  document
    .getText()
    .split('\n')
    .forEach((text, line) => {
      for (let at = text.indexOf(FORBIDDEN); at >= 0; at = text.indexOf(FORBIDDEN, at + 1)) {
        const range = new vscode.Range(line, at, line, at + FORBIDDEN.length);
        const diagnostic = new vscode.Diagnostic(
          range,
          `${FORBIDDEN} is not allowed here`,
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.code = 'H001';
        diagnostic.source = 'e2e-harness';
        found.push(diagnostic);
      }
    });
  diagnostics.set(document.uri, found);
}

const quickFixes = {
  provideCodeActions(document, _range, context) {
    return context.diagnostics
      .filter((d) => d.code === 'H001')
      .map((d) => {
        const action = new vscode.CodeAction(`Replace ${FORBIDDEN} with allowed`, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, d.range, 'allowed');
        action.diagnostics = [d];
        action.isPreferred = true;
        return action;
      });
  },
};

const hovers = {
  provideHover(document, position) {
    const range = document.getWordRangeAtPosition(position);
    if (!range) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(`**Harness hover**: \`${document.getText(range)}\``), range);
  },
};

function activate(context) {
  const tree = new ItemTree();
  const diagnostics = vscode.languages.createDiagnosticCollection('e2e-harness');
  const status = vscode.window.createStatusBarItem('e2eHarness.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'E2E Harness';
  status.text = '$(beaker) Harness ready';
  status.show();

  context.subscriptions.push(
    diagnostics,
    status,
    vscode.window.registerTreeDataProvider('e2eHarness.items', tree),
    vscode.window.registerTreeDataProvider('e2eHarness.empty', { getTreeItem: (x) => x, getChildren: () => [] }),
    vscode.languages.registerCodeActionsProvider(TF_FILES, quickFixes, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.languages.registerHoverProvider(TF_FILES, hovers),
    vscode.workspace.onDidOpenTextDocument((d) => checkDocument(diagnostics, d)),
    vscode.workspace.onDidChangeTextDocument((e) => checkDocument(diagnostics, e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
    vscode.commands.registerCommand('e2eHarness.rename', async (item) => {
      if (!item) return;
      const name = await vscode.window.showInputBox({
        prompt: `New name for ${item.label}`,
        value: item.label,
        validateInput: (value) => (/\s/.test(value) ? 'Names cannot contain spaces' : undefined),
      });
      if (!name) return;
      const old = item.label;
      item.label = name;
      tree.changed.fire(undefined);
      vscode.window.showInformationMessage(`Renamed ${old} to ${name}`);
    }),
    vscode.commands.registerCommand('e2eHarness.pickColour', async () => {
      const colour = await vscode.window.showQuickPick(['red', 'green', 'blue'], { placeHolder: 'Pick a colour' });
      if (!colour) return;
      status.text = `$(beaker) Colour: ${colour}`;
      const choice = await vscode.window.showWarningMessage(`Picked ${colour}`, 'Undo');
      if (choice === 'Undo') status.text = '$(beaker) Harness ready';
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => checkDocument(diagnostics, d));
}

module.exports = { activate, deactivate() {} };
