// Command-line parsing for `pennsieve-guard check [PATH ...] [--profile NAME|FILE] [--format text|json|sarif] [--baseline GIT_REF]`
// and `pennsieve-guard prove [PATH ...] [--profile NAME|FILE] [--format text|json]`.

import { GuardError } from '../engine/guardError';

export type OutputFormat = 'text' | 'json' | 'sarif';

export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'check';
      readonly paths: readonly string[];
      readonly profile?: string;
      readonly format: OutputFormat;
      readonly baseline?: string;
    }
  | {
      readonly kind: 'prove';
      readonly paths: readonly string[];
      readonly profile?: string;
      readonly format: 'text' | 'json';
    }
  | {
      readonly kind: 'diff';
      readonly paths: readonly string[];
      readonly profile?: string;
      readonly format: OutputFormat | 'markdown';
      readonly baseline: string;
    };

export const USAGE = `Usage: pennsieve-guard check [PATH ...] [--profile NAME|FILE] [--format text|json|sarif] [--baseline GIT_REF]
       pennsieve-guard prove [PATH ...] [--profile NAME|FILE] [--format text|json]
       pennsieve-guard diff [PATH ...] [--baseline GIT_REF] [--profile NAME|FILE] [--format text|json|sarif|markdown]

check: checks IAM policy JSON, Terraform, CloudFormation and Pulumi programs against the
       guarantees of a profile.
prove: prints, per role and policy, each guarantee with its verdict: proved, counterexample (with
       the request that breaks it) or unknown (with the value that could not be resolved).

  PATH                 file or folder to check (folders are searched recursively,
                       skipping node_modules, .git and .terraform). Default: .
  --profile NAME|FILE  built-in profile (pennsieve, lakesail, cloudposse) or a profile file.
                       Default: .pennsieve-guard.yaml in the folder or a parent, else pennsieve
  --format FORMAT      text (default), json or sarif
  --baseline GIT_REF   check: report only findings that are not present at GIT_REF;
                       diff: the version to compare with (default HEAD)

Exit status (check): 0 no error-severity finding, 1 at least one, 2 usage or internal error.
Exit status (prove): 0 every verdict proved, 1 a counterexample, 3 no counterexample but an
unknown, 2 usage or internal error.
Exit status (diff): 0 nothing widens, 1 something widens or a verdict gets worse, 3 nothing is
shown to widen but a widening is undecided (unknown value), 2 usage or internal error.`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

/** Parses argv (without node and script); throws GuardError('usage') on mistakes. */
export function parseArgs(argv: readonly string[]): CliCommand {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') return { kind: 'help' };
  if (argv[0] === '--version' || argv[0] === '-v') return { kind: 'version' };
  if (argv[0] !== 'check' && argv[0] !== 'prove' && argv[0] !== 'diff')
    throw new GuardError(`Unknown command: ${argv[0]}`, 'usage');
  const paths: string[] = [];
  let profile: string | undefined;
  let format: OutputFormat | 'markdown' = 'text';
  let baseline: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
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
      const known = argv[0] === 'diff' ? [...FORMATS, 'markdown'] : FORMATS;
      if (!known.includes(f as OutputFormat))
        throw new GuardError(
          `Unknown format (use ${known.slice(0, -1).join(', ')} or ${known[known.length - 1]}): ${f}`,
          'usage',
        );
      if (argv[0] === 'prove' && f === 'sarif') throw new GuardError('prove prints text or json', 'usage');
      format = f as OutputFormat | 'markdown';
    } else if (a.startsWith('-') && a !== '-') throw new GuardError(`Unknown option: ${a}`, 'usage');
    else paths.push(a);
  }
  const files = paths.length ? paths : ['.'];
  if (argv[0] === 'prove') {
    if (baseline) throw new GuardError('prove takes no --baseline', 'usage');
    return { kind: 'prove', paths: files, profile, format: format as 'text' | 'json' };
  }
  if (argv[0] === 'diff') return { kind: 'diff', paths: files, profile, format, baseline: baseline ?? 'HEAD' };
  return { kind: 'check', paths: files, profile, format: format as OutputFormat, baseline };
}
