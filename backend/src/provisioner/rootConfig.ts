// The root Terraform configuration the runner writes into a node's work directory: the AWS
// provider (pointed at an emulator when asked) and one call of the compute-node module.

import { join, relative, sep } from 'node:path';
import { createStoredZip } from './zip';

/** Absolute path of the compute-node module shipped with the backend. */
export const COMPUTE_NODE_MODULE_DIR = join(__dirname, 'module');

/**
 * The module source as seen from `workDir`: a relative path, which Terraform uses in place (an
 * absolute one is copied into `.terraform/modules` on every init).
 */
export function moduleSourceFrom(workDir: string): string {
  const path = relative(workDir, COMPUTE_NODE_MODULE_DIR).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}

/** File names the runner owns inside a work directory. */
export const ROOT_CONFIG_FILE = 'main.tf.json';
export const ORCHESTRATOR_PACKAGE_FILE = 'orchestrator.zip';

/** The module's input variables as the runner passes them (see module/variables.tf). */
export interface ModuleInputs {
  readonly node_identifier: string;
  readonly node_name: string;
  readonly compute_node_id: string;
  readonly account_id: string;
  readonly environment: string;
  readonly deployment_mode: 'basic' | 'secure' | 'compliant';
  readonly enable_llm_access: boolean;
  readonly gpu_tier: string;
  readonly max_gpu_instances: number;
  readonly max_interactive_sessions: number;
  readonly tags?: Readonly<Record<string, string>>;
}

/** Where the provider sends its API calls. */
export interface ProviderTarget {
  readonly region: string;
  /** An emulator (moto) serving every AWS API on one endpoint; undefined = real AWS. */
  readonly endpoint?: string;
  /** Step Functions endpoint (the shim in front of moto); defaults to `endpoint`. */
  readonly sfnEndpoint?: string;
  /** The provider is configured outside the configuration (a provider server's environment): no provider block. */
  readonly external?: boolean;
}

/**
 * Provider endpoint keys for every service the module (or its boundary's service list) uses.
 * `sfn` is set separately so it can point at the Step Functions shim.
 */
const EMULATED_SERVICES = [
  'autoscaling',
  'dynamodb',
  'ec2',
  'ecs',
  'efs',
  'iam',
  'kms',
  'lambda',
  'logs',
  's3',
  'secretsmanager',
  'ssm',
  'sts',
] as const;

/** Builds the JSON root configuration (`main.tf.json`). Holds no credentials. */
export function buildRootConfig(
  inputs: ModuleInputs,
  target: ProviderTarget,
  moduleDir = COMPUTE_NODE_MODULE_DIR,
): object {
  return {
    ...(target.external ? {} : { provider: { aws: [buildProvider(target)] } }),
    module: {
      compute_node: {
        source: moduleDir,
        ...inputs,
        tags: { ...(inputs.tags ?? {}) },
        // Absolute: a provider server resolves relative paths against its own working directory.
        orchestrator_package: `\${abspath(path.root)}/${ORCHESTRATOR_PACKAGE_FILE}`,
      },
    },
    output: { compute_node: { value: '${module.compute_node}' } },
  };
}

function buildProvider(target: ProviderTarget): Record<string, unknown> {
  if (!target.endpoint) return { region: target.region };
  const endpoints: Record<string, string> = {};
  for (const service of EMULATED_SERVICES) endpoints[service] = target.endpoint;
  endpoints['sfn'] = target.sfnEndpoint ?? target.endpoint;
  return {
    region: target.region,
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    s3_use_path_style: true,
    // An emulator answers an unimplemented call with HTTP 500, which the SDK would otherwise
    // retry 25 times with backoff: fail within seconds instead, with the real error.
    max_retries: 3,
    endpoints: [endpoints],
  };
}

/** Source of the placeholder orchestrator (and governor) handler. */
const HANDLER_SOURCE = `// Placeholder handler deployed by the Pennsieve sandbox compute-node module.
export const handler = async (event) => {
  console.log(JSON.stringify({ message: 'workflow run received', node: process.env.NODE_IDENTIFIER }));
  return { ok: true, node: process.env.NODE_IDENTIFIER ?? null, input: event ?? null };
};
`;

/** The Lambda package of the orchestrator: a deterministic zip holding `index.mjs`. */
export function buildOrchestratorPackage(): Buffer {
  return createStoredZip([{ name: 'index.mjs', data: HANDLER_SOURCE }]);
}
