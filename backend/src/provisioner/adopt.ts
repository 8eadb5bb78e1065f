// Crash recovery: a create that AWS completed but Terraform never recorded (the process was
// interrupted or killed between the API call and the state write) fails the next apply with
// "already exists". Such resources are imported into the state, so that the apply converges.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdoptLookups } from './adoptLookups';
import type { CommandResult, ErrorDiagnostic } from './terraformCli';

/** What import ids are built from. */
export interface AdoptContext {
  readonly workDir: string;
  readonly accountId: string;
  readonly region: string;
  readonly lockTimeout: string;
  readonly run: (args: string[], extra?: { json?: boolean; captureStdout?: boolean }) => Promise<CommandResult>;
  readonly log: (line: string) => void;
  /** For resources whose import id AWS assigned; without it those are not adopted. */
  readonly lookups?: AdoptLookups;
}

type Attributes = Record<string, unknown>;

const ALREADY_EXISTS =
  /already exists|AlreadyExists|ResourceExistsException|BucketAlreadyOwnedByYou|ParameterAlreadyExists|ResourceConflictException|MountTargetConflict|InvalidGroup\.Duplicate/i;

/**
 * Import ids of the module's resources that are unique in an account (by name, creation token,
 * or file system and subnet), from their planned attributes; ids AWS assigned are looked up.
 * Resources without a unique key (VPCs, subnets, keys) cannot collide: an interrupted create of
 * one of those leaves an untracked duplicate, not a failed apply.
 */
const IMPORT_IDS: Readonly<
  Record<string, (a: Attributes, ctx: AdoptContext) => string | undefined | Promise<string | undefined>>
> = {
  aws_iam_role: (a) => str(a['name']),
  aws_iam_policy: (a, ctx) => `arn:aws:iam::${ctx.accountId}:policy${str(a['path']) ?? '/'}${str(a['name'])}`,
  aws_cloudwatch_log_group: (a) => str(a['name']),
  aws_lambda_function: (a) => str(a['function_name']),
  aws_s3_bucket: (a) => str(a['bucket']),
  aws_ssm_parameter: (a) => str(a['name']),
  aws_secretsmanager_secret: (a) => str(a['name']),
  aws_sfn_state_machine: (a, ctx) => `arn:aws:states:${ctx.region}:${ctx.accountId}:stateMachine:${str(a['name'])}`,
  aws_kms_alias: (a) => str(a['name']),
  aws_ecs_cluster: (a) => str(a['name']),
  aws_efs_file_system: (a, ctx) => {
    const token = str(a['creation_token']);
    return token ? ctx.lookups?.fileSystemByCreationToken(token) : undefined;
  },
  aws_efs_mount_target: (a, ctx) => {
    const [fs, subnet] = [str(a['file_system_id']), str(a['subnet_id'])];
    return fs && subnet ? ctx.lookups?.mountTarget(fs, subnet) : undefined;
  },
  aws_security_group: (a, ctx) => {
    const [name, vpc] = [str(a['name']), str(a['vpc_id'])];
    return name && vpc ? ctx.lookups?.securityGroup(name, vpc) : undefined;
  },
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The addresses of a failed apply that collided with an existing resource of a known type. */
export function findCollisions(diagnostics: readonly ErrorDiagnostic[]): string[] {
  const addresses = diagnostics
    .filter((d) => d.address && ALREADY_EXISTS.test(`${d.summary} ${d.detail}`))
    .map((d) => d.address!)
    .filter((address) => resourceType(address) in IMPORT_IDS);
  return [...new Set(addresses)];
}

/** Imports the colliding resources; returns how many were adopted. */
export async function adoptCollisions(addresses: readonly string[], ctx: AdoptContext): Promise<number> {
  if (addresses.length === 0) return 0;
  const planned = await plannedAttributes(ctx);
  let adopted = 0;
  for (const address of addresses) {
    const attributes = planned.get(address);
    const id = attributes ? await importId(address, attributes, ctx) : undefined;
    if (!id) continue;
    ctx.log(`adopting ${address} (created by an interrupted run): ${id}`);
    const result = await ctx.run(['import', '-input=false', '-no-color', ctx.lockTimeout, address, id]);
    if (result.code === 0) adopted++;
  }
  return adopted;
}

async function importId(address: string, attributes: Attributes, ctx: AdoptContext): Promise<string | undefined> {
  try {
    return await IMPORT_IDS[resourceType(address)]?.(attributes, ctx);
  } catch (err) {
    ctx.log(`cannot look up ${address} to adopt it: ${(err as Error).message}`);
    return undefined;
  }
}

/** Planned attributes of every resource the next apply would create, by address. */
async function plannedAttributes(ctx: AdoptContext): Promise<Map<string, Attributes>> {
  const planFile = '.pennsieve-adopt.tfplan';
  try {
    const plan = await ctx.run(['plan', '-input=false', '-no-color', ctx.lockTimeout, `-out=${planFile}`]);
    if (plan.code !== 0) return new Map();
    const shown = await ctx.run(['show', '-json', '-no-color', planFile], { captureStdout: true });
    if (shown.code !== 0) return new Map();
    const changes =
      (
        JSON.parse(shown.stdout) as {
          resource_changes?: { address: string; change: { actions: string[]; after?: Attributes } }[];
        }
      ).resource_changes ?? [];
    return new Map(
      changes
        .filter((c) => c.change.actions.includes('create') && c.change.after)
        .map((c) => [c.address, c.change.after!]),
    );
  } finally {
    await rm(join(ctx.workDir, planFile), { force: true });
  }
}

/** `module.compute_node.aws_iam_role.orchestrator[0]` → `aws_iam_role`. */
function resourceType(address: string): string {
  const parts = address.replace(/\[[^\]]*\]/g, '').split('.');
  return parts[parts.length - 2] ?? '';
}
