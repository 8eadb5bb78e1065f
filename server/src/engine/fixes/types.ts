// What a quick fix produces: plain text edits on file ids, so the CLI and the editor share them.

import type { Catalog } from '../../catalog/catalog';
import type { Model } from '../../model/model';
import type { Profile } from '../../core/profile';

/** Replace `[start, end)` of `file` (UTF-16 offsets into its current text) with `newText`. */
export interface TextEdit {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** One quick fix: a title for the menu and the edits that apply it (possibly in several files). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The obvious fix for its finding (editors apply it with one keystroke). */
  readonly isPreferred?: boolean;
}

/** What fix builders can read: the checked model and the text of any file of the unit. */
export interface FixContext {
  readonly model: Model;
  readonly profile: Profile;
  readonly catalog: Catalog;
  /** The current text of a file id, or undefined when it is unknown. */
  readonly text: (fileId: string) => string | undefined;
  /** Ids of the other files of a Terraform module (for declaring a variable once per module). */
  readonly moduleFiles?: (fileId: string) => readonly string[];
}
