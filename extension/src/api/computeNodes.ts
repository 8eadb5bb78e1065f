// Compute nodes: list, read, create (202, then re-list to find it), delete, pause/resume, and
// the GPU tiers a node may use.

import { ApiError, type ApiClient } from './client';
import { ROUTES } from './routes';
import { array, bool, num, object, optional, str, type Infer } from './schema';

export const NODE_STATUSES = ['Pending', 'Enabled', 'Paused', 'Failed', 'Destroying'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];
export type DeploymentMode = 'basic' | 'secure' | 'compliant';
export const DEPLOYMENT_MODES: readonly DeploymentMode[] = ['basic', 'secure', 'compliant'];

export const computeNodeSchema = object({
  uuid: str,
  name: str,
  description: optional(str),
  account: object({ uuid: str, accountId: optional(str), accountType: optional(str), ownerId: optional(str) }),
  /** Go's time.String() in production, not RFC 3339. */
  createdAt: optional(str),
  /** "" (absent) for organization-independent nodes. */
  organizationId: optional(str),
  ownerId: optional(str),
  identifier: optional(str),
  deploymentMode: optional(str),
  enableLLMAccess: optional(bool),
  llmBaaAcknowledged: optional(bool),
  maxGpuInstances: optional(num),
  gpuTier: optional(str),
  maxInteractiveSessions: optional(num),
  accessScope: optional(str),
  status: str,
  healthStatus: optional(str),
  /** Sandbox addition: why a node failed. */
  statusReason: optional(str),
  /** Sandbox addition, present while a provisioning job runs; production never sends it. */
  provisioning: optional(
    object({
      stage: str,
      resourcesDone: optional(num),
      /** `null` until Terraform's plan says how many. */
      resourcesTotal: optional(num),
      /** ISO 8601. */
      startedAt: optional(str),
    }),
  ),
});
export type ComputeNode = Infer<typeof computeNodeSchema>;

export const gpuTierSchema = object({
  tier: str,
  instanceType: optional(str),
  gpu: optional(str),
  gpuMemoryGB: optional(num),
  vcpus: optional(num),
  memoryGB: optional(num),
  pricePerHour: optional(num),
});
export type GpuTier = Infer<typeof gpuTierSchema>;

/** The static list GET /gpu-tiers serves in production, for when the route cannot be asked. */
export const DOCUMENTED_GPU_TIERS: readonly GpuTier[] = [
  { tier: 'small', instanceType: 'g4dn.xlarge' },
  { tier: 'medium', instanceType: 'g6.2xlarge' },
  { tier: 'large', instanceType: 'g5.4xlarge' },
  { tier: 'xlarge', instanceType: 'g6e.4xlarge' },
];

export interface NewComputeNode {
  /** The account's uuid (not the AWS account number). */
  readonly accountId: string;
  readonly name: string;
  readonly description?: string;
  /** Omitted for an organization-independent node. */
  readonly organizationId?: string;
  readonly deploymentMode: DeploymentMode;
  readonly enableLLMAccess: boolean;
  readonly llmBaaAcknowledged: boolean;
  /** Omitted with `maxGpuInstances: 0` (no GPU). */
  readonly gpuTier?: string;
  /** 0: no GPU instances (the API's default is 2). */
  readonly maxGpuInstances?: number;
}

/** The status as a known value, or undefined for something this version does not know. */
export function toNodeStatus(status: string): NodeStatus | undefined {
  return NODE_STATUSES.find((s) => s === status);
}

/** Pending and Destroying change on their own; everything else only by a user's action. */
export function isTransitional(status: string): boolean {
  return status === 'Pending' || status === 'Destroying';
}

const createdSchema = object({ message: optional(str), uuid: optional(str) });

/** Typed calls for the compute-node routes. */
export class ComputeNodesApi {
  constructor(private readonly client: ApiClient) {}

  /** Every node on the caller's own accounts (403 if the caller owns none). */
  async fetchOwnedComputeNodes(signal?: AbortSignal): Promise<ComputeNode[]> {
    return this.fetchList({ account_owner: 'true' }, signal);
  }

  /** Nodes of one workspace the caller can reach. */
  async fetchWorkspaceComputeNodes(organizationId: string, signal?: AbortSignal): Promise<ComputeNode[]> {
    return this.fetchList({ organization_id: organizationId }, signal);
  }

  async fetchComputeNode(uuid: string, signal?: AbortSignal): Promise<ComputeNode> {
    return (await this.client.request(ROUTES.getComputeNode, computeNodeSchema, { params: { id: uuid }, signal })).data;
  }

  /**
   * Starts provisioning and returns the new node. Production answers 202 without the uuid, so
   * the node is found by listing before and after: the one new uuid on that account and name.
   */
  async createComputeNode(node: NewComputeNode): Promise<ComputeNode> {
    const list = () =>
      node.organizationId ? this.fetchWorkspaceComputeNodes(node.organizationId) : this.fetchOwnedComputeNodes();
    const before = new Set((await list()).map((n) => n.uuid));
    const res = await this.client.request(ROUTES.createComputeNode, createdSchema, { body: node });
    const after = await list();
    const known = res.data.uuid ? after.find((n) => n.uuid === res.data.uuid) : undefined;
    if (known) return known;
    if (res.data.uuid) return this.fetchComputeNode(res.data.uuid);
    const fresh = after.filter((n) => !before.has(n.uuid) && n.account.uuid === node.accountId && n.name === node.name);
    const found = fresh.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''))[0];
    if (!found) {
      throw new ApiError(
        'invalidResponse',
        `the node was accepted but is not listed yet; refresh the view: ${node.name}`,
      );
    }
    return found;
  }

  /** Starts the teardown (202); the node shows Destroying until it disappears. */
  async deleteComputeNode(uuid: string): Promise<void> {
    await this.client.request(ROUTES.deleteComputeNode, object({ message: optional(str) }), { params: { id: uuid } });
  }

  /** Pause or resume: metadata only, no infrastructure change. */
  async setComputeNodeStatus(uuid: string, status: 'Enabled' | 'Paused'): Promise<void> {
    await this.client.request(ROUTES.patchComputeNode, object({ uuid: optional(str) }), {
      params: { id: uuid },
      body: { status },
    });
  }

  /** GPU tiers; the route needs a workspace the caller belongs to. */
  async fetchGpuTiers(organizationId: string): Promise<GpuTier[]> {
    const query = { organization_id: organizationId };
    return (await this.client.request(ROUTES.gpuTiers, array(gpuTierSchema), { query })).data;
  }

  private async fetchList(query: Record<string, string>, signal?: AbortSignal): Promise<ComputeNode[]> {
    return (await this.client.request(ROUTES.listComputeNodes, array(computeNodeSchema), { query, signal })).data;
  }
}
