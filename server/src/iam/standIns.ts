// The one place where the symbolic account, region and partition become text. Every request and
// every policy pattern is bound with the same stand-ins, so "the same symbol" compares equal.

import { concatParts, isHole, type Part, type PStr, type SelfSymbol } from '../model/pstr';

/** Text used for each self symbol during evaluation. Build request ARNs with these too. */
export const STAND_INS: Readonly<Record<SelfSymbol, string>> = Object.freeze({
  account: '000000000000',
  region: 'us-east-1',
  partition: 'aws',
});

/** Replaces symbol holes by their stand-ins; other holes stay. Returns `s` itself when it has no symbol hole. */
export function bindSymbols(s: PStr): PStr {
  let hasSymbol = false;
  for (const p of s.parts) if (isHole(p) && p.symbol) hasSymbol = true;
  if (!hasSymbol) return s;
  const parts: Part[] = s.parts.map((p) => (isHole(p) && p.symbol ? STAND_INS[p.symbol] : p));
  return concatParts(parts);
}

/**
 * A concrete ARN from an iam-data ARN template such as
 * `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}`: partition, region and account
 * become the stand-ins, every other `${Name}` the value in `names` (case-insensitive) or `pg-witness`.
 */
export function witnessArn(template: string, names: Readonly<Record<string, string>> = {}): string {
  const lowerNames = new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v]));
  return template.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'partition') return STAND_INS.partition;
    if (lower === 'region') return STAND_INS.region;
    if (lower === 'account') return STAND_INS.account;
    return lowerNames.get(lower) ?? 'pg-witness';
  });
}

/** `arn:aws:iam::000000000000:<kind>/<name>`: an IAM ARN in the deploying account. */
export function selfIamArn(kind: 'role' | 'policy' | 'user' | 'root', name = ''): string {
  const base = `arn:${STAND_INS.partition}:iam::${STAND_INS.account}:`;
  return kind === 'root' ? `${base}root` : `${base}${kind}/${name}`;
}
