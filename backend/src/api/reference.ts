// App Store access, the GPU tier list and the cross-account role template. The paths are in ./routes.ts.

import { roleTemplate } from '../provisioner/rolePolicy';
import { decodeBody } from './body';
import { ApiError, empty, json, Msg, type RequestContext } from './http';

/** Production's static list (get_gpu_tiers_handler.go). */
const GPU_TIERS = [
  {
    tier: 'small',
    instanceType: 'g4dn.xlarge',
    gpu: 'NVIDIA T4',
    gpuMemoryGB: 16,
    vcpus: 4,
    memoryGB: 16,
    pricePerHour: 0.526,
  },
  {
    tier: 'medium',
    instanceType: 'g6.2xlarge',
    gpu: 'NVIDIA L4',
    gpuMemoryGB: 24,
    vcpus: 8,
    memoryGB: 32,
    pricePerHour: 0.978,
  },
  {
    tier: 'large',
    instanceType: 'g5.4xlarge',
    gpu: 'NVIDIA A10G',
    gpuMemoryGB: 24,
    vcpus: 16,
    memoryGB: 64,
    pricePerHour: 1.624,
  },
  {
    tier: 'xlarge',
    instanceType: 'g6e.4xlarge',
    gpu: 'NVIDIA L40S',
    gpuMemoryGB: 48,
    vcpus: 16,
    memoryGB: 128,
    pricePerHour: 3.004,
  },
];

/** AWS's own constraint on an external ID. */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/**
 * Production adds the account to its App Store ECR repository policy. The sandbox has no App Store
 * registry, so after the same checks it only answers.
 */
/** POST /app-store/access: the checks production makes before granting App Store access. */
export async function appStoreAccess(ctx: RequestContext) {
  const body = decodeBody(ctx.rawBody, { accountId: 'string', accountType: 'string' });
  if (!body.accountId || !body.accountType) throw new ApiError(400, Msg.badRequest);
  const accounts = await ctx.deps.store.accounts.listByAwsAccountId(body.accountId);
  if (accounts.length === 0) throw new ApiError(403, Msg.accountNotRegistered);
  if (!accounts.some((a) => a.userId === ctx.claims.user_claim.NodeId)) throw new ApiError(403, Msg.notAccountOwner);
  return empty(200);
}

/** GET /gpu-tiers: production's static list. */
export async function gpuTiers() {
  return json(200, GPU_TIERS);
}

/** GET /role-policy: the cross-account role template. */
export async function rolePolicy(ctx: RequestContext) {
  const externalId = ctx.query.get('externalId') ?? undefined;
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    throw new ApiError(400, 'externalId must be 2 to 1224 characters of letters, digits and +=,.@:/-_', 'error');
  }
  const { environment, provisionerAccountId } = ctx.deps.settings;
  return json(200, roleTemplate({ environment, provisionerAccountId, externalId }));
}
