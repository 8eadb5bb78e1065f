// The create-node input: account, name (a name already in use on the account is allowed, as the
// API allows it, but warned about), workspace, deployment mode, LLM access (with the BAA
// acknowledgement in secure and compliant modes, never preselected), GPU tier or no GPU, and a
// final confirmation.

import * as vscode from 'vscode';
import type { Account } from '../api/accounts';
import {
  DEPLOYMENT_MODES,
  DOCUMENTED_GPU_TIERS,
  type ComputeNode,
  type DeploymentMode,
  type GpuTier,
  type NewComputeNode,
} from '../api/computeNodes';
import type { PennsieveApi } from '../api/pennsieveApi';
import type { Log } from '../log';
import type { People } from '../people/people';
import { duplicateWarning, validateNodeName } from '../tree/nodeNames';
import { MultiStepInput, type Step } from './multiStepInput';

interface State {
  account?: Account;
  name?: string;
  /** "" = organization-independent. */
  org?: string;
  mode?: DeploymentMode;
  llm?: boolean;
  baa?: boolean;
  /** "" = no GPU. */
  gpuTier?: string;
}

/** The GPU choice that sends `maxGpuInstances: 0`. */
const NO_GPU = '';

const MODE_DETAIL: Readonly<Record<DeploymentMode, string>> = {
  basic: 'The default VPC',
  secure: 'A dedicated VPC with a NAT gateway and VPC flow logs',
  compliant: 'A dedicated VPC with VPC endpoints and no internet, KMS encryption and flow logs',
};

export interface WizardDeps {
  readonly api: PennsieveApi;
  readonly log: Log;
  readonly accounts: readonly Account[];
  readonly people: People;
  /** The nodes already on an account (to warn about a name in use). */
  readonly nodesOf: (accountUuid: string) => readonly ComputeNode[];
}

/** Asks for everything; resolves with the request body, or rejects UserCancelled. */
export async function collectNewNode(deps: WizardDeps, preset?: Account): Promise<NewComputeNode> {
  const s: State = { account: preset };
  const needsBaa = () => s.llm === true && s.mode !== undefined && s.mode !== 'basic';
  const total = () => (preset ? 0 : 1) + 6 + (needsBaa() ? 1 : 0);

  const pickAccount: Step = async (input) => {
    const items = deps.accounts.map((a) => ({
      label: a.name || `AWS ${a.accountId}`,
      description: a.accountId,
      account: a,
    }));
    s.account = (
      await input.pick({
        placeholder: 'AWS account to run the node in',
        items,
        active: (i) => i.account.uuid === s.account?.uuid,
      })
    ).account;
    return askName;
  };
  const askName: Step = async (input) => {
    const existing = s.account ? deps.nodesOf(s.account.uuid) : [];
    s.name = await input.text({
      prompt: 'Name of the compute node',
      value: s.name,
      placeholder: 'e.g. imaging-pipeline',
      validate: validateNodeName,
      warn: (v) => duplicateWarning(existing, v),
    });
    return pickWorkspace;
  };
  const pickWorkspace: Step = async (input) => {
    const enabled = (s.account?.enabledWorkspaces ?? []).filter((e) => e.enableCompute);
    const items = [
      ...enabled.map((e) => ({
        label: deps.people.orgLabel(e.organizationId),
        description: e.isPublic ? 'public' : 'private',
        org: e.organizationId,
      })),
      { label: 'No workspace', description: 'organization-independent: only you can use it', org: '' },
    ];
    s.org = (
      await input.pick({
        placeholder: 'Workspace the node belongs to (compute-enabled workspaces of this account)',
        items,
        active: (i) => i.org === s.org,
      })
    ).org;
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
      {
        label: 'Enable LLM access',
        detail: 'Claude models on Amazon Bedrock through the LLM governor in your account',
        llm: true,
      },
    ];
    s.llm = (await input.pick({ placeholder: 'LLM access', items, active: (i) => i.llm === s.llm })).llm;
    s.baa = needsBaa() ? s.baa : false;
    return needsBaa() ? confirmBaa : pickGpu;
  };
  const confirmBaa: Step = async (input) => {
    const items = [
      { label: 'No BAA: create the node without LLM access', baa: false },
      { label: 'I confirm an AWS Business Associate Addendum (BAA) is in place for this account', baa: true },
    ];
    // An attestation is never a default: nothing is highlighted, so Enter alone does not choose.
    const placeholder = `LLM access in ${s.mode} mode requires an AWS BAA: choose one`;
    const choice = (await input.pick({ placeholder, items, noDefault: true })).baa;
    s.baa = choice;
    if (!choice) s.llm = false;
    return pickGpu;
  };
  const pickGpu: Step = async (input) => {
    const tiers = fetchTiers(deps, s);
    const noGpu = {
      label: 'No GPU',
      description: 'CPU only',
      detail: 'The node starts no GPU instances',
      tier: NO_GPU,
    };
    const items = tiers.then((list) => [
      noGpu,
      ...list.map((t) => ({ label: t.tier, description: t.instanceType, detail: tierDetail(t), tier: t.tier })),
    ]);
    s.gpuTier = (
      await input.pick({ placeholder: 'GPU tier', items, active: (i) => i.tier === (s.gpuTier ?? 'small') })
    ).tier;
    return confirm;
  };
  const confirm: Step = async (input) => {
    const gpu = s.gpuTier === NO_GPU ? 'no GPU' : `GPU ${s.gpuTier}`;
    const summary = `${s.name} · ${s.mode} · ${gpu} · LLM ${s.llm ? 'on' : 'off'} · ${s.org ? deps.people.orgLabel(s.org) : 'no workspace'}`;
    const twin = s.account ? duplicateWarning(deps.nodesOf(s.account.uuid), s.name ?? '') : undefined;
    const label = twin ? `$(warning) Create a Second Node Named "${s.name}"` : '$(check) Create Compute Node';
    await input.pick({
      placeholder: twin ?? `Create in AWS ${s.account?.accountId}: ${summary}`,
      items: [{ label, detail: summary }],
    });
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
    ...(s.gpuTier === NO_GPU ? { maxGpuInstances: 0 } : { gpuTier: s.gpuTier! }),
  };
}

function tierDetail(t: GpuTier): string | undefined {
  const parts = [
    t.gpu,
    t.gpuMemoryGB && `${t.gpuMemoryGB} GB GPU memory`,
    t.vcpus && `${t.vcpus} vCPUs`,
    t.pricePerHour && `$${t.pricePerHour}/h`,
  ];
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
