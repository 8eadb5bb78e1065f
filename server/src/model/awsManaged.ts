// AWS-managed policies (arn:aws:iam::aws:policy/...) read from their real documents: the
// default version of each, written by scripts/build-managed-policies.mjs beside the bundle as
// aws-managed-policies.json.gz and read on first need (never when no such ARN is attached).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Loc } from './loc';
import type { PolicyDoc } from './policy';
import { policyFromValue } from '../parse/policyDocument/policyFromValue';
import { isHole, type PStr } from './pstr';
import type { Val } from './value';

const FILE = 'aws-managed-policies.json.gz';

type Documents = Readonly<Record<string, unknown>>;

let documents: Documents | null | undefined;

/** What an attached ARN is: not AWS managed, an AWS-managed policy with its document, or one not in the data. */
export type AwsManagedLookup =
  | { readonly kind: 'other' }
  | { readonly kind: 'found'; readonly name: string; readonly doc: PolicyDoc }
  | { readonly kind: 'missing'; readonly name: string; readonly reason: string };

/**
 * Looks up an attached policy ARN. `loc` is where it is attached: the document's elements all
 * point there, so findings about the policy land on the token that attaches it.
 */
export function lookupAwsManaged(arn: Val, loc: Loc): AwsManagedLookup {
  const name = awsManagedName(arn);
  if (name === undefined) return { kind: 'other' };
  const docs = loadDocuments();
  if (!docs) return { kind: 'missing', name, reason: 'the AWS-managed policy data is not installed' };
  const raw = docs[name];
  if (raw === undefined) return { kind: 'missing', name, reason: `${name} is not in the AWS-managed policy data` };
  const doc = policyFromValue(plainToVal(raw, loc), 'json');
  awsDocs.add(doc);
  return { kind: 'found', name, doc };
}

const awsDocs = new WeakSet<PolicyDoc>();

/**
 * True for a document read from the AWS-managed policy data: AWS writes it, so findings about
 * its text (an action the catalog no longer lists, a grant a boundary blocks) are not the
 * reader's to fix; what it allows is still judged.
 */
export function isAwsManagedDoc(doc: PolicyDoc): boolean {
  return awsDocs.has(doc);
}

/** The path and name after `arn:<partition>:iam::aws:policy/`, when the ARN is AWS managed and known. */
export function awsManagedName(arn: Val): string | undefined {
  if (arn.k !== 'str') return undefined;
  const s: PStr = arn.s;
  const last = s.parts[s.parts.length - 1];
  if (last === undefined || isHole(last)) return undefined;
  const m = /(^|:)iam::aws:policy\/(.+)$/.exec(last);
  if (!m) return undefined;
  const before = last.slice(0, m.index);
  const prefixOk =
    s.parts.length === 1
      ? /^arn:aws(-[a-z-]+)?$/.test(before)
      : before === '' && s.parts.slice(0, -1).every((p) => isHole(p) || /^arn:/.test(p));
  return prefixOk && !/[*?]/.test(m[2]) ? m[2] : undefined;
}

function loadDocuments(): Documents | null {
  if (documents === undefined) documents = readBundled() ?? readPackage() ?? null;
  return documents;
}

/** The compact file beside the bundle (dist/ or server/dist/). */
function readBundled(): Documents | undefined {
  for (const dir of [__dirname, path.join(__dirname, '..')]) {
    const file = path.join(dir, FILE);
    if (fs.existsSync(file)) return JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as Documents;
  }
  return undefined;
}

/** From source (tests, tsx): the package itself, latest version of each policy. */
function readPackage(): Documents | undefined {
  let file: string;
  try {
    // Resolved at run time, so bundles never pull the 75 MB package in.
    const pkg = ['aws-iam-managed', 'policies'].join('-');
    file = path.join(path.dirname(require.resolve(pkg)), 'managedPolicies.json');
  } catch {
    return undefined;
  }
  const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<
    string,
    { arn: string; latestVersionId: string; versions?: Record<string, { document?: unknown }> }
  >;
  const out: Record<string, unknown> = {};
  for (const p of Object.values(all)) {
    const doc = p.versions?.[p.latestVersionId]?.document;
    if (doc) out[p.arn.slice(p.arn.indexOf(':policy/') + ':policy/'.length)] = doc;
  }
  return out;
}

/** Plain JSON -> Val, every location at `loc`. */
function plainToVal(x: unknown, loc: Loc): Val {
  if (typeof x === 'string') return { k: 'str', s: { parts: [x] }, loc };
  if (typeof x === 'number') return { k: 'num', n: x, loc };
  if (typeof x === 'boolean') return { k: 'bool', b: x, loc };
  if (Array.isArray(x)) return { k: 'list', items: x.map((i) => plainToVal(i, loc)), loc };
  if (x && typeof x === 'object')
    return {
      k: 'obj',
      entries: Object.entries(x).map(([key, v]) => ({ key, keyLoc: loc, value: plainToVal(v, loc) })),
      loc,
    };
  return { k: 'null', loc };
}
