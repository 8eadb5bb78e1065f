// What the provisioning tests read back from the emulated account, through real AWS APIs.

import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import {
  GetBucketEncryptionCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

const REGION = 'us-east-1';
// Any key works against moto; these are not the credentials the runner is given.
const READER = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test-reader-secret' };

export const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

/** SDK clients and raw EC2 queries against one moto endpoint. */
export class Account {
  readonly iam: IAMClient;
  readonly s3: S3Client;

  constructor(private readonly endpoint: string) {
    this.iam = new IAMClient({ endpoint, region: REGION, credentials: READER });
    this.s3 = new S3Client({ endpoint, region: REGION, credentials: READER, forcePathStyle: true });
  }

  async getRole(name: string) {
    return (await this.iam.send(new GetRoleCommand({ RoleName: name }))).Role!;
  }

  async roleExists(name: string): Promise<boolean> {
    try {
      await this.getRole(name);
      return true;
    } catch (err) {
      if (err instanceof NoSuchEntityException) return false;
      throw err;
    }
  }

  async inlineStatements(role: string): Promise<PolicyStatement[]> {
    const names = (await this.iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
    const statements: PolicyStatement[] = [];
    for (const name of names) {
      const doc = (await this.iam.send(new GetRolePolicyCommand({ RoleName: role, PolicyName: name }))).PolicyDocument!;
      statements.push(
        ...asList(
          (JSON.parse(decodeURIComponent(doc)) as { Statement: PolicyStatement | PolicyStatement[] }).Statement,
        ),
      );
    }
    return statements;
  }

  async managedPolicyStatements(arn: string): Promise<PolicyStatement[]> {
    const policy = (await this.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    const version = await this.iam.send(
      new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: policy.DefaultVersionId! }),
    );
    return asList(
      (
        JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as {
          Statement: PolicyStatement | PolicyStatement[];
        }
      ).Statement,
    );
  }

  async policyExists(arn: string): Promise<boolean> {
    try {
      await this.iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      return true;
    } catch (err) {
      if (err instanceof NoSuchEntityException) return false;
      throw err;
    }
  }

  async bucketExists(bucket: string): Promise<boolean> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
      return true;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw err;
    }
  }

  async bucketSettings(bucket: string) {
    const versioning = await this.s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    const block = await this.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    const encryption = await this.s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    const rule = encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    return {
      versioning: versioning.Status,
      publicAccessBlock: block.PublicAccessBlockConfiguration,
      sse: rule?.SSEAlgorithm,
      kmsKey: rule?.KMSMasterKeyID,
    };
  }

  /** Counts `<tag>` elements in an EC2 query-API answer for `action` filtered by `filters`. */
  async countEc2(action: string, tag: string, filters: Record<string, string>): Promise<number> {
    const params: Record<string, string> = { Action: action, Version: '2016-11-15' };
    Object.entries(filters).forEach(([name, value], i) => {
      params[`Filter.${i + 1}.Name`] = name;
      params[`Filter.${i + 1}.Value.1`] = value;
    });
    const res = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `AWS4-HMAC-SHA256 Credential=${READER.accessKeyId}/20250101/${REGION}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: new URLSearchParams(params).toString(),
    });
    const xml = await res.text();
    if (!res.ok) throw new Error(`${action} failed: ${xml.slice(0, 300)}`);
    return (xml.match(new RegExp(`<${tag}>`, 'g')) ?? []).length;
  }
}

/** Every regular file under `dir` (symlinks, e.g. the linked provider, are not followed). */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Files under `dir` (up to 64 MiB each) that contain any of `needles`. */
export function filesContaining(dir: string, needles: readonly string[]): string[] {
  return filesUnder(dir).filter((file) => {
    if (statSync(file).size > 64 * 1024 * 1024) return false;
    const text = readFileSync(file, 'latin1');
    return needles.some((n) => text.includes(n));
  });
}
