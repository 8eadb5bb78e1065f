// Rule metadata shared by docs, hovers, SARIF and the language server.

import type { RuleId } from './finding';

export interface RuleInfo {
  readonly id: RuleId;
  /** The severity of a decided finding (undecidable ones are `info`). */
  readonly severity: 'error' | 'warning';
  /** Short name, e.g. "Trust policy open to everyone". */
  readonly title: string;
  /** One sentence: what fires and why it matters. */
  readonly summary: string;
}

/** Where each rule is documented (docs/rules/<id>.md in the repository). */
export function ruleDocUrl(id: RuleId): string {
  return `https://github.com/Pennsieve/pennsieve-compute-vscode/blob/main/docs/rules/${id}.md`;
}
