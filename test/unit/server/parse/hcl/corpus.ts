// Test corpus for the HCL parser: the hand-written fixtures plus generated modules (seeded, so
// every run sees the same files) and broken variants of both.

import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { prng as rng } from '../../../../support/prng';
export { rng };

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/hcl');

export interface CorpusFile {
  readonly name: string;
  readonly text: string;
}

/** The valid hand-written fixture files. */
export function validFixtures(): CorpusFile[] {
  const dir = path.join(FIXTURES, 'valid');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

/** The hand-written broken fixture files. */
export function brokenFixtures(): CorpusFile[] {
  const dir = path.join(FIXTURES, 'broken');
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

const NAMES = ['name', 'role', 'policy', 'tags', 'bucket', 'count_x', 'description', 'value', 'arn', 'enabled'];
const TYPES = ['aws_iam_role', 'aws_iam_policy', 'aws_s3_bucket', 'aws_kms_key', 'aws_lambda_function', 'aws_vpc'];

/** Generates a random but valid module of about `blocks` blocks. */
export function generateModule(seed: number, blocks: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const expr = (depth: number): string => {
    const k = Math.floor(r() * (depth > 2 ? 4 : 12));
    switch (k) {
      case 0:
        return `"${pick(NAMES)}-${Math.floor(r() * 100)}"`;
      case 1:
        return String(Math.floor(r() * 1000));
      case 2:
        return pick(['true', 'false', 'null']);
      case 3:
        return `var.${pick(NAMES)}`;
      case 4:
        return `"prefix-\${var.${pick(NAMES)}}-\${local.${pick(NAMES)}}"`;
      case 5:
        return `[${Array.from({ length: 1 + Math.floor(r() * 3) }, () => expr(depth + 1)).join(', ')}]`;
      case 6:
        return `{\n${Array.from({ length: 1 + Math.floor(r() * 3) }, () => `    ${pick(NAMES)}_${Math.floor(r() * 9)} = ${expr(depth + 1)}`).join('\n')}\n  }`;
      case 7:
        return `${pick(['join', 'concat', 'merge', 'format', 'lower'])}(${expr(depth + 1)}, ${expr(depth + 1)})`;
      case 8:
        return `var.${pick(NAMES)} ? ${expr(depth + 1)} : ${expr(depth + 1)}`;
      case 9:
        return `[for x in var.${pick(NAMES)} : upper(x) if x != ""]`;
      case 10:
        // A heredoc ends at a line of its own, so only use one as a whole attribute value.
        if (depth > 0) return `"${pick(NAMES)}"`;
        return `<<-EOT\n    {\n      "Action": "${pick(NAMES)}:*",\n      "Resource": "\${var.${pick(NAMES)}}"\n    }\n  EOT`;
      default:
        return `jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:${pick(NAMES)}"], Resource = ${expr(depth + 1)} }]\n  })`;
    }
  };
  const out: string[] = [];
  for (let b = 0; b < blocks; b++) {
    if (r() < 0.15) out.push(`# block ${b}`);
    const kind = r();
    if (kind < 0.1) {
      out.push(`variable "${pick(NAMES)}_${b}" {\n  type    = string\n  default = ${expr(2)}\n}\n`);
      continue;
    }
    if (kind < 0.2) {
      out.push(`locals {\n  ${pick(NAMES)}_${b} = ${expr(0)}\n  other_${b} = ${expr(1)}\n}\n`);
      continue;
    }
    const lines = [`resource "${pick(TYPES)}" "r${b}" {`];
    const n = 1 + Math.floor(r() * 5);
    for (let i = 0; i < n; i++) lines.push(`  ${pick(NAMES)}_${i} = ${expr(0)}`);
    if (r() < 0.4) lines.push(`\n  nested {\n    inner = ${expr(2)}\n  }`);
    if (r() < 0.2) lines.push(`  one_line { x = ${expr(3)} }`);
    lines.push('}\n');
    out.push(lines.join('\n'));
  }
  return out.join('\n');
}

/** Breaks `text` in one of a few ways an editor produces while typing; returns the broken text. */
export function breakText(text: string, seed: number): { text: string; how: string } {
  const r = rng(seed);
  const lines = text.split('\n');
  const attrLines = lines
    .map((l, i) => [l, i] as const)
    .filter(([l]) => /^\s*\w+\s*=\s*\S/.test(l) && !l.includes('<<'));
  const [line, at] = attrLines[Math.floor(r() * attrLines.length)] ?? [lines[0], 0];
  const how = ['unfinished-attribute', 'unclosed-string', 'garbage', 'unclosed-bracket'][Math.floor(r() * 4)];
  const copy = [...lines];
  if (how === 'unfinished-attribute') copy[at] = line.replace(/=.*$/, '= ');
  else if (how === 'unclosed-string') copy[at] = line.replace(/=.*$/, '= "unfinished');
  else if (how === 'garbage') copy[at] = line + ' @@ ~~ $';
  else copy[at] = line.replace(/=.*$/, '= foo([1, 2');
  return { text: copy.join('\n'), how };
}
