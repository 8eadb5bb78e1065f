// Command-line parsing for `pennsieve-guard check [PATH ...] [--profile NAME|FILE] [--format text|json|sarif] [--baseline GIT_REF]`
// and `pennsieve-guard prove [PATH ...] [--profile NAME|FILE] [--format text|json]`.

import { GuardError } from '../engine/guardError';

export type OutputFormat = 'text' | 'json' | 'sarif';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'check'; readonly paths: readonly string[]; readonly profile?: string; readonly format: OutputFormat; readonly baseline?: string }
  | { readonly kind: 'prove'; readonly paths: readonly string[]; readonly profile?: string; readonly format: 'text' | 'json' };

export const USAGE = `Usage: pennsieve-guard check [PATH ...] [--profile NAME|FILE] [--format text|json|sarif] [--baseline GIT_REF]
       pennsieve-guard prove [PATH ...] [--profile NAME|FILE] [--format text|json]

check: checks IAM policy JSON, Terraform, CloudFormation and Pulumi programs against the
       guarantees of a profile.
prove: prints, per role and policy, each guarantee with its verdict: proved, counterexample (with
       the request that breaks it) or unknown (with the value that could not be resolved).

  PATH                 file or folder to check (folders are searched recursively,
                       skipping node_modules, .git and .terraform). Default: .
  --profile NAME|FILE  built-in profile (pennsieve, lakesail, cloudposse) or a profile file.
                       Default: .pennsieve-guard.yaml in the folder or a parent, else pennsieve
  --format FORMAT      text (default), json or sarif
  --baseline GIT_REF   report only findings that are not present at GIT_REF

Exit status (check): 0 no error-severity finding, 1 at least one, 2 usage or internal error.
Exit status (prove): 0 every verdict proved, 1 a counterexample, 3 no counterexample but an
unknown, 2 usage or internal error.`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** Parses argv (without node and script); throws GuardError('usage') on mistakes. */
export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  if (argv[0] !== 'check' && argv[0] !== 'prove') throw new GuardError(`Unknown command: ${argv[0]}`, 'usage');
  const paths: string[] = [];
  let profile: string | undefined;
  let format: OutputFormat = 'text';
  let baseline: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new GuardError(`Missing value for ${flag}`, 'usage');
      return v;
    };
    if (flag === '--help' || flag === '-h') return { kind: 'help' };
    else if (flag === '--profile') profile = value();
    else if (flag === '--baseline') baseline = value();
    else if (flag === '--format') {
      const f = value();
      if (!FORMATS.includes(f as OutputFormat)) throw new GuardError(`Unknown format (use text, json or sarif): ${f}`, 'usage');
      if (argv[0] === 'prove' && f === 'sarif') throw new GuardError('prove prints text or json', 'usage');
      format = f as OutputFormat;
    } else if (a.startsWith('-') && a !== '-') throw new GuardError(`Unknown option: ${a}`, 'usage');
    else paths.push(a);
  }
  const files = paths.length ? paths : ['.'];
  if (argv[0] === 'prove') {
    if (baseline) throw new GuardError('prove takes no --baseline', 'usage');
    return { kind: 'prove', paths: files, profile, format: format as 'text' | 'json' };
  }
  return { kind: 'check', paths: files, profile, format, baseline };
}
