// pennsieve-guard in real VS Code (code-server in Chromium) with the packaged extension and no
// HashiCorp Terraform extension: the language server starts when a supported file opens; typing a
// violation into Terraform, CloudFormation (YAML and JSON) and IAM policy JSON shows the rule on
// the offending token in the Problems panel; editing the boundary in one Terraform file flags the
// role in another; each quick fix repairs its finding with valid text; a hover expands an action
// wildcard; and, the workspace copy being a git repository, new findings are marked as such.
// A screenshot is kept per step (test-results/screenshots/guard/).

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { withSuite } from '../support/suite';
import { getExtensionVsix } from '../../../scripts/harness/vsix';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import {
  commitWorkspace,
  extensionLogLines,
  guardEntries,
  guardServerPids,
  isExpected,
  isTabDirty,
  NEW_SUFFIX,
  onDisk,
  original,
  positionIn,
  restore,
  screenshotHover,
  screenshotQuickFixMenu,
  typeAndWaitFor,
  waitForNewMark,
  type Expected,
  type Latency,
} from './guardSupport';

/** Generous bound on keystroke-to-Problems-entry in the UI; real latency figures: bench/lsp.ts. */
const UI_LATENCY_BOUND_MS = scaled(5_000);

describe('pennsieve-guard in the editor (Terraform, CloudFormation, IAM policy JSON)', function () {
  const suite = withSuite({
    name: 'guard',
    workspace: join(__dirname, 'workspace'),
    extensions: async () => [await getExtensionVsix()],
  });
  const latencies: Latency[] = [];

  // Runs after withSuite's hook: the workspace copy exists, and no supported file is open yet, so
  // the language server (and its git lookups) has not started.
  before(function () {
    commitWorkspace(suite.codeServer.workspacePath, 'clean workspace', true);
  });

  after(function () {
    if (!latencies.length) return;
    console.log('      last keystroke -> Problems entry (UI, polled every 50 ms):');
    for (const l of latencies) console.log(`        ${String(l.ms).padStart(5)} ms  ${l.what}`);
  });

  /** Asserts the bound and records the figure. */
  const record = (what: string, ms: number) => {
    latencies.push({ what, ms });
    assert.ok(
      ms < UI_LATENCY_BOUND_MS,
      `${what}: ${ms} ms from the last keystroke to the Problems entry (bound ${UI_LATENCY_BOUND_MS} ms)`,
    );
  };

  /** No pennsieve-guard entry of `file` at all: the finding went and the fix left valid text (no PG801). */
  const waitForClean = (file: string, what: string) =>
    suite.workbench.problems.waitForNone(
      (e) => e.source === 'pennsieve-guard' && e.file.endsWith(`/workspace/${file}`),
      what,
    );

  it('starts the language server only once a Terraform file opens, and the clean module shows no problems', async function () {
    const { workbench } = suite;
    const installed = await workbench.installedExtensions();
    assert.deepEqual(
      installed.map((e) => e.id).sort(),
      ['pennsieve-test.e2e-bridge', 'pennsieve.pennsieve-compute'],
      'no HashiCorp Terraform extension',
    );
    await workbench.executeCommand('workbench.action.closeSidebar');
    assert.deepEqual(guardServerPids(suite), [], 'no language server before a supported file is open');
    await workbench.problems.open();

    const opening = Date.now();
    await workbench.editor.open('tf/main.tf');
    await waitFor(
      'the pennsieve-guard server process',
      async () => guardServerPids(suite).length === 1,
      () => `server pids: ${JSON.stringify(guardServerPids(suite))}`,
    );
    console.log(`      server process running ${Date.now() - opening} ms after Quick Open was used`);
    const started = await waitFor(
      'the extension to log the server start',
      async () => {
        const lines = extensionLogLines(suite, /pennsieve-guard language server started \(\d+ ms\)/);
        return lines.length ? lines : undefined;
      },
      () => 'no such line in the extension log yet',
      { timeout: scaled(30_000) },
    );
    console.log(`      extension log: ${started[0].replace(/^.*?(pennsieve-guard)/, '$1')}`);

    // The server has analysed the module: the role's hover names the boundary from boundary.tf.
    const at = positionIn(original('tf/main.tf'), '"worker"');
    const hover = await workbench.editor.hover({ line: at.line, column: at.column + 1 }, (h) =>
      h.markdown.some((m) => m.includes('node1-worker')),
    );
    assert.match(hover.markdown.join('\n'), /Permissions boundary: aws_iam_policy\.boundary\./);
    assert.deepEqual(hover.markers, [], 'no diagnostic on the role');
    assert.deepEqual(await guardEntries(suite, 'tf/main.tf'), []);
    assert.deepEqual(await guardEntries(suite, 'tf/boundary.tf'), []);
    await suite.screenshot('tf-main-open-clean');
  });

  it('Terraform: a role typed without a boundary shows PG201 on its header; the quick fix adds the module boundary', async function () {
    const { editor } = suite.workbench;
    const file = 'tf/main.tf';
    await restore(suite, file);
    const lastLine = original(file).split('\n').length; // the empty line after the final newline
    const role =
      'resource "aws_iam_role" "reader" {\n' +
      '  name               = "node1-reader"\n' +
      '  assume_role_policy = aws_iam_role.worker.assume_role_policy\n' +
      '  tags               = { "pennsieve:compute-node" = "node1" }\n';
    const expected: Expected = {
      file,
      code: 'PG201',
      line: lastLine + 1,
      column: 1,
      message:
        /^Role has no permissions boundary: set it to the pennsieve-boundary-\* policy \(aws_iam_role\.reader\)$/,
      severity: 'error',
    };
    const { entry, ms } = await typeAndWaitFor(suite, { line: lastLine, column: 1 }, `\n${role}}\n`, expected);
    record('Terraform PG201 (role without boundary)', ms);
    assert.equal(entry.severity, 'error');
    await waitForNewMark(suite, expected);
    await suite.screenshot('tf-pg201-shown');

    await editor.goTo({ line: entry.line, column: entry.column });
    await screenshotQuickFixMenu(suite, 'tf-pg201-quick-fix-menu');
    await editor.quickFix('Add the permissions boundary aws_iam_policy.boundary', {
      line: entry.line,
      column: entry.column,
    });
    await waitForClean(file, 'PG201 to go (and no PG801) after the quick fix');
    await suite.screenshot('tf-pg201-fixed');
    await editor.save();
    assert.equal(
      onDisk(suite, file),
      `${original(file)}\n${role}  permissions_boundary = aws_iam_policy.boundary.arn\n}\n`,
    );
  });

  it('Terraform module: renaming the boundary policy in boundary.tf flags the role in main.tf, which is not edited', async function () {
    const { editor, problems } = suite.workbench;
    await restore(suite, 'tf/main.tf');
    await restore(suite, 'tf/boundary.tf');
    const name = 'pennsieve-boundary-node1';
    const at = positionIn(original('tf/boundary.tf'), name);
    const onRole: Expected = {
      file: 'tf/main.tf',
      code: 'PG201',
      ...positionIn(original('tf/main.tf'), 'aws_iam_policy.boundary.arn'),
      message: /^The permissions boundary is not the pennsieve-boundary-\* policy: node1-boundary$/,
      severity: 'error',
    };
    await problems.open();
    await editor.replaceAt(at, name.length, 'node1-boundary');
    const typed = Date.now();
    await problems.waitFor((e) => isExpected(e, onRole), 'PG201 on the role in main.tf', { interval: 50 });
    record('Terraform PG201 in main.tf after editing boundary.tf', Date.now() - typed);
    assert.match((await editor.activeUri()) ?? '', /\/tf\/boundary\.tf$/, 'boundary.tf is the file being edited');
    assert.equal(await isTabDirty(suite, 'tf/main.tf'), false, 'main.tf has no unsaved edits');
    assert.equal(onDisk(suite, 'tf/main.tf'), original('tf/main.tf'), 'main.tf is unchanged on disk');
    assert.deepEqual(await guardEntries(suite, 'tf/boundary.tf'), [], 'the finding is on the role, not on the policy');
    await waitForNewMark(suite, onRole);
    await suite.screenshot('tf-module-pg201-in-main');

    // Typing the name back clears the role's finding.
    await editor.replaceAt(at, 'node1-boundary'.length, name);
    await waitForClean('tf/main.tf', 'the PG201 in main.tf to go once the boundary name is back');
    await editor.save();
    assert.equal(onDisk(suite, 'tf/boundary.tf'), original('tf/boundary.tf'));
  });

  it('CloudFormation YAML: a typed MaxSessionDuration of 43200 shows PG104 on the value; the quick fix caps it to 7200', async function () {
    const { editor } = suite.workbench;
    const file = 'cfn/template.yaml';
    await restore(suite, file);
    const anchor = 'RoleName: node1-worker';
    const at = positionIn(original(file), anchor);
    const line = (value: number) => `\n      MaxSessionDuration: ${value}`;
    const expected: Expected = {
      file,
      code: 'PG104',
      line: at.line + 1,
      column: 27, // the value after "      MaxSessionDuration: "
      message: /^Maximum session duration is above the 7200 s limit: 43200$/,
      severity: 'error',
    };
    const { entry, ms } = await typeAndWaitFor(
      suite,
      { line: at.line, column: at.column + anchor.length },
      line(43200),
      expected,
    );
    record('CloudFormation YAML PG104 (MaxSessionDuration)', ms);
    await waitForNewMark(suite, expected);
    await suite.screenshot('cfn-yaml-pg104-shown');

    await editor.quickFix('Lower the maximum session duration to 7200 s', { line: entry.line, column: entry.column });
    await waitForClean(file, 'PG104 to go (and no PG801) after the quick fix');
    await suite.screenshot('cfn-yaml-pg104-fixed');
    await editor.save();
    assert.equal(onDisk(suite, file), original(file).replace(anchor, anchor + line(7200)));
  });

  it('CloudFormation JSON: a role typed without a boundary shows PG201 on its logical id; the quick fix references the Boundary policy', async function () {
    const { editor, problems } = suite.workbench;
    const file = 'cfn/template.json';
    await restore(suite, file);
    // After the Worker role's closing brace, the last "    }" of the file.
    const lines = original(file).split('\n');
    const workerEnd = lines.lastIndexOf('    }') + 1;
    const expected: Expected = {
      file,
      code: 'PG201',
      line: workerEnd + 1,
      column: 5, // "Reader"
      message: /^Role has no permissions boundary: set it to the pennsieve-boundary-\* policy \(Reader\)$/,
      severity: 'error',
    };
    const { entry, ms } = await typeAndWaitFor(
      suite,
      { line: workerEnd, column: 6 },
      ',\n    "Reader": {\n' +
        '      "Type": "AWS::IAM::Role",\n' +
        '      "Properties": { "RoleName": "node1-reader", "Tags": [{ "Key": "pennsieve:compute-node", "Value": "node1" }] }\n' +
        '    }',
      expected,
    );
    record('CloudFormation JSON PG201 (role without boundary)', ms);
    await waitForNewMark(suite, expected);
    await suite.screenshot('cfn-json-pg201-shown');

    await editor.quickFix('Add the permissions boundary Boundary', { line: entry.line, column: entry.column });
    await waitForClean(file, 'PG201 to go (and no PG801) after the quick fix');
    await problems.waitForNone(
      (e) => e.file.endsWith(`/workspace/${file}`) && e.severity === 'error',
      'no error of any source (the JSON language service too)',
    );
    await suite.screenshot('cfn-json-pg201-fixed');
    await editor.save();
    const template = JSON.parse(onDisk(suite, file)) as {
      Resources: Record<string, { Properties: Record<string, unknown> }>;
    };
    assert.deepEqual(template.Resources.Reader.Properties, {
      RoleName: 'node1-reader',
      Tags: [{ Key: 'pennsieve:compute-node', Value: 'node1' }],
      PermissionsBoundary: { Ref: 'Boundary' },
    });
  });

  it('IAM trust policy JSON: ForAllValues typed on sts:ExternalId shows PG105 on the operator; the quick fix restores StringEquals', async function () {
    const { editor } = suite.workbench;
    const file = 'iam/TRUST_POLICY_Pennsieve-Compute-dev.json';
    await restore(suite, file);
    const at = positionIn(original(file), '"StringEquals"');
    const expected: Expected = {
      file,
      code: 'PG105',
      ...at, // the operator key, quotes included
      message:
        /^ForAllValues on the single-valued key sts:ExternalId is true when the key is absent: use StringEquals$/,
      severity: 'error',
    };
    const { entry, ms } = await typeAndWaitFor(
      suite,
      { line: at.line, column: at.column + 1 },
      'ForAllValues:',
      expected,
    );
    record('IAM JSON PG105 (ForAllValues on sts:ExternalId)', ms);
    await waitForNewMark(suite, expected);
    await suite.screenshot('iam-trust-pg105-shown');

    await editor.quickFix('Use StringEquals (the key is single-valued)', { line: entry.line, column: entry.column });
    await waitForClean(file, 'PG105 (and the PG102 it implies) to go, no PG801');
    await suite.screenshot('iam-trust-pg105-fixed');
    await editor.save();
    assert.equal(onDisk(suite, file), original(file));
  });

  /** Where the typo'd action is typed in the permission policy, and what shows. */
  const PERMISSION_FILE = 'iam/PERMISSION_POLICY_Pennsieve-Compute-dev.json';
  const ACTION_ANCHOR = '"logs:DescribeLogGroups"';
  const TYPO: Expected = {
    file: PERMISSION_FILE,
    code: 'PG802',
    ...(() => {
      const at = positionIn(original(PERMISSION_FILE), ACTION_ANCHOR);
      return { line: at.line, column: at.column + ACTION_ANCHOR.length + 2 }; // after ', '
    })(),
    message: /^No AWS action matches ec2:DescribeSubnts: did you mean ec2:DescribeSubnets\?$/,
    severity: 'error',
  };
  const typeTypo = () => {
    const at = positionIn(original(PERMISSION_FILE), ACTION_ANCHOR);
    return typeAndWaitFor(
      suite,
      { line: at.line, column: at.column + ACTION_ANCHOR.length },
      ', "ec2:DescribeSubnts"',
      TYPO,
    );
  };

  it("IAM permission policy JSON: a typo'd action shows PG802 on it; the quick fix puts the real action", async function () {
    const { editor } = suite.workbench;
    await restore(suite, PERMISSION_FILE);
    const { entry, ms } = await typeTypo();
    record('IAM JSON PG802 (unknown action)', ms);
    await waitForNewMark(suite, TYPO);
    await suite.screenshot('iam-permission-pg802-shown');

    await editor.quickFix('Replace with ec2:DescribeSubnets', { line: entry.line, column: entry.column });
    await waitForClean(PERMISSION_FILE, 'PG802 to go (and no PG801) after the quick fix');
    await suite.screenshot('iam-permission-pg802-fixed');
    await editor.save();
    assert.equal(
      onDisk(suite, PERMISSION_FILE),
      original(PERMISSION_FILE).replace(ACTION_ANCHOR, `${ACTION_ANCHOR}, "ec2:DescribeSubnets"`),
    );
  });

  it('hovering the wildcard iam:*Boundary* shows its expansion: 4 actions, by name', async function () {
    const { editor } = suite.workbench;
    await restore(suite, PERMISSION_FILE);
    const at = positionIn(original(PERMISSION_FILE), 'iam:*Boundary*');
    const hover = await editor.hover({ line: at.line, column: at.column + 5 }, (h) =>
      h.markdown.some((m) => m.includes('Matches 4 actions')),
    );
    const text = hover.markdown.join('\n');
    assert.match(text, /^iam:\*Boundary\*\n/, 'the hover names the wildcard');
    for (const action of [
      'iam:DeleteRolePermissionsBoundary',
      'iam:DeleteUserPermissionsBoundary',
      'iam:PutRolePermissionsBoundary',
      'iam:PutUserPermissionsBoundary',
    ]) {
      assert.ok(text.includes(action), `the hover lists ${action}:\n${text}`);
    }
    assert.match(text, /Access levels: /);
    await screenshotHover(suite, 'iam-wildcard-hover');
  });

  it('a finding committed at HEAD is no longer marked new', async function () {
    const { editor, problems } = suite.workbench;
    await restore(suite, PERMISSION_FILE);
    await typeTypo();
    await waitForNewMark(suite, TYPO);
    await editor.save();
    commitWorkspace(suite.codeServer.workspacePath, 'commit the typo');
    // Any edit checks the file again, against the new HEAD: a new line at the end.
    await editor.typeAt({ line: original(PERMISSION_FILE).split('\n').length, column: 1 }, '\n');
    const entry = await problems.waitFor(
      (e) => isExpected(e, TYPO) && !e.message.endsWith(NEW_SUFFIX),
      'PG802 without the "new since HEAD" mark',
    );
    assert.doesNotMatch(entry.message, /new since HEAD/);
    await suite.screenshot('committed-finding-not-new');
    await restore(suite, PERMISSION_FILE);
  });
});
