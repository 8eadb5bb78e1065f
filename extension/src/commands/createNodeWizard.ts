// The create-node input: account, name, workspace, deployment mode, LLM access (with the BAA
// acknowledgement in secure and compliant modes), GPU tier, and a final confirmation.

import * as vscode from 'vscode';
import type { Account } from '../api/accounts';
import { DEPLOYMENT_MODES, DOCUMENTED_GPU_TIERS, type DeploymentMode, type GpuTier, type NewComputeNode } from '../api/computeNodes';
import type { PennsieveApi } from '../api/pennsieveApi';
import type { Log } from '../log';
import { MultiStepInput, type Step } from './multiStepInput';

interface State {
  account?: Account;
  name?: string;
  /** "" = organization-independent. */
  org?: string;
  mode?: DeploymentMode;
  llm?: boolean;
  baa?: boolean;
  gpuTier?: string;
}

const MODE_DETAIL: Readonly<Record<DeploymentMode, string>> = {
  basic: 'The default VPC',
  secure: 'A dedicated VPC with a NAT gateway and VPC flow logs',
  compliant: 'A dedicated VPC with VPC endpoints and no internet, KMS encryption and flow logs',
};

/** Node names become resource names in the user's account: keep them simple. */
export function validateNodeName(name: string): string | undefined {
  if (!name) return 'A name is required';
  if (name.length > 64) return 'At most 64 characters';
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(name)) return 'Letters, digits, spaces, dots, dashes and underscores; start with a letter or digit';
  return undefined;
}

export interface WizardDeps {
  readonly api: PennsieveApi;
  readonly log: Log;
  readonly accounts: readonly Account[];
}

/** Asks for everything; resolves with the request body, or rejects UserCancelled. */
export async function collectNewNode(deps: WizardDeps, preset?: Account): Promise<NewComputeNode> {
  const s: State = { account: preset };
  const needsBaa = () => s.llm === true && s.mode !== undefined && s.mode !== 'basic';
  const total = () => (preset ? 0 : 1) + 6 + (needsBaa() ? 1 : 0);

  const pickAccount: Step = async (input) => {
    const items = deps.accounts.map((a) => ({ label: a.name || `AWS ${a.accountId}`, description: a.accountId, account: a }));
    s.account = (await input.pick({ placeholder: 'AWS account to run the node in', items, active: (i) => i.account.uuid === s.account?.uuid })).account;
    return askName;
  };
  const askName: Step = async (input) => {
    s.name = await input.text({ prompt: 'Name of the compute node', value: s.name, placeholder: 'e.g. imaging-pipeline', validate: validateNodeName });
    return pickWorkspace;
  };
  const pickWorkspace: Step = async (input) => {
    const enabled = (s.account?.enabledWorkspaces ?? []).filter((e) => e.enableCompute);
    const items = [
      ...enabled.map((e) => ({ label: e.organizationId, description: e.isPublic ? 'public' : 'private', org: e.organizationId })),
      { label: 'No workspace', description: 'organization-independent: only you can use it', org: '' },
    ];
    s.org = (await input.pick({ placeholder: 'Workspace the node belongs to (compute-enabled workspaces of this account)', items, active: (i) => i.org === s.org })).org;
    return pickMode;
  };
  const pickMode: Step = async (input) => {
    const items = DEPLOYMENT_MODES.map((m) => ({ label: m, detail: MODE_DETAIL[m], mode: m }));
    s.mode = (await input.pick({ placeholder: 'Deployment mode', items, active: (i) => i.mode === s.mode })).mode;
    return pickLlm;
  };
  const pickLlm: Step = async (input) => {
    const items = [
      { label: 'No LLM access', llm: false },
      { label: 'Enable LLM access', detail: 'Claude models on Amazon Bedrock through the LLM governor in your account', llm: true },
    ];
    s.llm = (await input.pick({ placeholder: 'LLM access', items, active: (i) => i.llm === s.llm })).llm;
    s.baa = needsBaa() ? s.baa : false;
    return needsBaa() ? confirmBaa : pickGpu;
  };
  const confirmBaa: Step = async (input) => {
    const items = [
      { label: 'I confirm an AWS Business Associate Addendum (BAA) is in place for this account', baa: true },
      { label: 'No BAA: create the node without LLM access', baa: false },
    ];
    const choice = (await input.pick({ placeholder: `LLM access in ${s.mode} mode requires an AWS BAA`, items })).baa;
    s.baa = choice;
    if (!choice) s.llm = false;
    return pickGpu;
  };
  const pickGpu: Step = async (input) => {
    const tiers = fetchTiers(deps, s);
    const items = tiers.then((list) => list.map((t) => ({ label: t.tier, description: t.instanceType, detail: tierDetail(t), tier: t.tier })));
    s.gpuTier = (await input.pick({ placeholder: 'GPU tier', items, active: (i) => i.tier === (s.gpuTier ?? 'small') })).tier;
    return confirm;
  };
  const confirm: Step = async (input) => {
    const summary = `${s.name} · ${s.mode} · GPU ${s.gpuTier} · LLM ${s.llm ? 'on' : 'off'} · ${s.org || 'no workspace'}`;
    await input.pick({ placeholder: `Create in AWS ${s.account?.accountId}: ${summary}`, items: [{ label: '$(check) Create Compute Node', detail: summary }] });
    return undefined;
  };

  await MultiStepInput.run('Create Compute Node', total, preset ? askName : pickAccount);
  return {
    accountId: s.account!.uuid,
    name: s.name!,
    organizationId: s.org || undefined,
    deploymentMode: s.mode!,
    enableLLMAccess: s.llm === true,
    llmBaaAcknowledged: s.baa === true,
    gpuTier: s.gpuTier!,
  };
}

function tierDetail(t: GpuTier): string | undefined {
  const parts = [t.gpu, t.gpuMemoryGB && `${t.gpuMemoryGB} GB GPU memory`, t.vcpus && `${t.vcpus} vCPUs`, t.pricePerHour && `$${t.pricePerHour}/h`];
  return parts.filter(Boolean).join(' · ') || undefined;
}

/** GET /gpu-tiers needs a workspace; without one, the documented static list is offered. */
async function fetchTiers(deps: WizardDeps, s: State): Promise<readonly GpuTier[]> {
  const org = s.org || s.account?.enabledWorkspaces?.[0]?.organizationId;
  if (!org) return DOCUMENTED_GPU_TIERS;
  try {
    const tiers = await deps.api.computeNodes.fetchGpuTiers(org);
    return tiers.length > 0 ? tiers : DOCUMENTED_GPU_TIERS;
  } catch (err) {
    deps.log.warn(`GET /gpu-tiers failed, offering the documented tiers: ${(err as Error).message}`);
    void vscode.window.setStatusBarMessage('Pennsieve: GPU tiers unavailable; showing the documented list', 5000);
    return DOCUMENTED_GPU_TIERS;
  }
}
