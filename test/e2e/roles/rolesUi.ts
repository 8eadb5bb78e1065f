// The steps the role suites (roles, sso) share: signing in to the sandbox with a token, and
// Register Existing Role… from the Command Palette with an ARN and an external ID.

import { tokenOf } from '../../../scripts/harness/backend/identities';
import { scaled, waitFor } from '../../../scripts/harness/wait';
import type { Workbench } from '../../../scripts/harness/workbench/workbench';

export const VIEW = { view: 'Compute Nodes' };

/** Signs in as Ann Lee (acctOwner) and waits for the no-account welcome. */
export async function signInToSandbox(workbench: Workbench, backendUrl: string): Promise<void> {
  await workbench.page
    .locator('[id="workbench.parts.activitybar"] [aria-label^="Pennsieve Compute"]')
    .first()
    .waitFor({ timeout: scaled(120_000) });
  await workbench.views.openContainer('pennsieve');
  await workbench.runCommand('Pennsieve: Sign In');
  await workbench.quickInput.pick('Sandbox');
  await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox API base URL'));
  await workbench.quickInput.answer(backendUrl);
  await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('Sandbox token'));
  await workbench.quickInput.answer(tokenOf('acctOwner'));
  await workbench.notifications.waitFor('Signed in to Pennsieve as Ann Lee');
  await waitFor(
    'the no-account welcome',
    async () => /No AWS account is registered/.test(await workbench.views.welcomeText(VIEW)) || undefined,
  );
}

/** Runs Register Existing Role… from the palette and answers its two prompts. */
export async function registerExisting(workbench: Workbench, arn: string, externalId: string): Promise<void> {
  await workbench.notifications.clearAll();
  await workbench.runCommand('Pennsieve: Register Existing Role…');
  await workbench.quickInput.waitForPrompt((p) => p.message.startsWith('The ARN of the role'));
  await workbench.quickInput.answer(arn);
  await workbench.quickInput.waitForPrompt((p) =>
    p.message.startsWith('The external ID the template was applied with'),
  );
  await workbench.quickInput.answer(externalId);
}
