// Test-only: runs a command by id for the e2e harness (Workbench.executeCommand).
// The input is "<ticket> <command id> [JSON array of arguments]"; the status bar item then
// reads "e2e <ticket> running", "e2e <ticket> ok" or "e2e <ticket> error: <message>"; it reads
// "e2e ready" from activation (at startup) on.
const vscode = require('vscode');

function activate(context) {
  const status = vscode.window.createStatusBarItem('e2eBridge.result', vscode.StatusBarAlignment.Right, -1000);
  status.name = 'E2E Bridge';
  // Shown at once: the harness takes it as the sign that the extension host is up.
  status.text = 'e2e ready';
  status.show();
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('e2eBridge.executeCommand', async () => {
      const input = await vscode.window.showInputBox({ prompt: 'E2E Bridge: <ticket> <command id> [JSON arguments]' });
      const match = /^(\S+) (\S+)(?: (.*))?$/s.exec(input ?? '');
      if (!match) return;
      const [, ticket, id, json] = match;
      const report = (text) => {
        status.text = `e2e ${ticket} ${text}`;
        status.show();
      };
      report('running');
      try {
        const args = json ? JSON.parse(json) : [];
        await vscode.commands.executeCommand(id, ...args);
        report('ok');
      } catch (error) {
        report(`error: ${error instanceof Error ? error.message : String(error)}`.replace(/\s+/g, ' '));
      }
    }),
  );
}

module.exports = { activate, deactivate() {} };
