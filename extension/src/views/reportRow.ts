// The rows of the report views (Role Audit, Guarantees): plain data the tree renders. No editor types.

import type { TextRange } from '../../../shared/protocol';

export type RowIcon =
  | 'shield'
  | 'error'
  | 'warning'
  | 'info'
  | 'pass'
  | 'question'
  | 'diff'
  | 'add'
  | 'remove'
  | 'symbol-namespace'
  | 'account'
  | 'ellipsis';

/** A row of a report view; `children` are built when it is expanded. */
export interface ReportRow {
  /** Unique among the rows shown at once. */
  readonly key: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  readonly icon: RowIcon;
  /** Where a click goes: a range of `revealUri` (default: the view's document). */
  readonly reveal?: TextRange;
  readonly revealUri?: string;
  /** Shown expanded the first time. */
  readonly expanded?: boolean;
  readonly children?: () => ReportRow[];
}
