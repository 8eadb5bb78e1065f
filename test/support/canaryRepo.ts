// A repository that tries to make the checker print what lies outside it: file() of
// /proc/self/environ (where the canary environment variable is), links out of the repository to
// a credentials-like file and to a policy whose action names the canary, a .tf file that is a link
// out. Tests assert the canary appears nowhere in what the CLI or the language server says.

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CanaryRepo {
  /** Temporary folder holding `repo/` (checked) and `outside/` (not). */
  readonly dir: string;
  readonly repo: string;
  readonly canary: string;
  /** Environment for the checker's process: the canary in an environment variable. */
  readonly env: NodeJS.ProcessEnv;
  readonly mainTf: string;
}

/** Builds the repository in a new temporary folder (the caller removes `dir`). */
export function makeCanaryRepo(): CanaryRepo {
  const canary = `pgcanary_${randomBytes(8).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'pg-canary-'));
  const repo = join(dir, 'repo');
  const outside = join(dir, 'outside');
  mkdirSync(repo);
  mkdirSync(outside);
  writeFileSync(
    join(outside, 'credentials'),
    `[default]\naws_access_key_id = ${canary}\naws_secret_access_key = ${canary}\n`,
  );
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: `${canary}:Get`, Resource: '*' }] };
  writeFileSync(join(outside, 'policy.json'), JSON.stringify(policy));
  writeFileSync(
    join(outside, 'evil.tf'),
    `resource "aws_iam_role" "${canary}" {\n  name = "${canary}"\n  assume_role_policy = "{"\n}\n`,
  );
  symlinkSync(join(outside, 'credentials'), join(repo, 'credentials'));
  symlinkSync(join(outside, 'policy.json'), join(repo, 'policy.json'));
  symlinkSync(join(outside, 'evil.tf'), join(repo, 'evil.tf'));
  const mainTf = `resource "aws_iam_role" "worker" {
  name                 = "pennsieve-n1-worker"
  description          = file("credentials")
  permissions_boundary = file("/proc/self/environ")
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy" "worker" {
  role   = aws_iam_role.worker.id
  policy = file("\${path.module}/policy.json")
}

resource "aws_iam_role_policy" "template" {
  role   = aws_iam_role.worker.id
  policy = templatefile("../outside/policy.json", {})
}
`;
  writeFileSync(join(repo, 'main.tf'), mainTf);
  return { dir, repo, canary, env: { PG_CANARY: canary }, mainTf };
}
