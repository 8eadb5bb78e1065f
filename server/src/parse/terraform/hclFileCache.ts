// Parsed Terraform files, cached by file id and text so a recheck re-parses only what changed.

import type { ParseProblem, SourceFile } from '../../model/source';
import type { Body } from '../hcl/ast';
import { blankBom } from '../bom';
import { parseHcl } from '../hcl/parser';
import { hclProblems } from './hclProblems';
import { reparse } from './incrementalParse';
import { tfJsonToBody, tfvarsJsonToBody } from './tfJson';

/** `.tf`, `.tf.json`, `terraform.tfvars`/`*.auto.tfvars`, and their `.json` forms. */
export type TfFileKind = 'tf' | 'tfjson' | 'tfvars' | 'tfvarsjson';

/** One file of a module after parsing: the HCL body (JSON syntax is converted to the same tree). */
export interface ParsedTfFile {
  readonly id: string;
  readonly path: string;
  readonly kind: TfFileKind;
  readonly text: string;
  readonly body: Body;
  /** Syntax problems ("Malformed HCL: …", "Malformed JSON: …"). */
  readonly problems: readonly ParseProblem[];
}

/**
 * Caches parsed files by id. An entry is reused while the file's text is unchanged; the analysis
 * layer keeps one cache per workspace and passes it to every `evaluateTerraformModule` call.
 */
export interface HclFileCache {
  /** The parsed file, from the cache when `file.text` is what was parsed last time for `file.id`. */
  parse(file: SourceFile): ParsedTfFile;
  /** Drops a file (closed buffer, deleted file). */
  forget(id: string): void;
  readonly size: number;
}

/** A new, empty cache. */
export function createHclFileCache(): HclFileCache {
  const entries = new Map<string, ParsedTfFile>();
  return {
    parse(file: SourceFile): ParsedTfFile {
      const hit = entries.get(file.id);
      if (hit && hit.text === file.text && hit.path === file.path) return hit;
      const parsed = (hit && hit.path === file.path && reparse(hit, file)) || parseTfFile(file);
      entries.set(file.id, parsed);
      return parsed;
    },
    forget(id: string): void {
      entries.delete(id);
    },
    get size(): number {
      return entries.size;
    },
  };
}

/** The kind of a module file by name, or undefined for files that are not part of a module. */
export function tfFileKind(path: string): TfFileKind | undefined {
  const name = path.replace(/^.*[\\/]/, '');
  if (name.endsWith('.tf.json')) return 'tfjson';
  if (name.endsWith('.tf')) return 'tf';
  if (name === 'terraform.tfvars' || name.endsWith('.auto.tfvars')) return 'tfvars';
  if (name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars.json')) return 'tfvarsjson';
  return undefined;
}

/** Parses one file without caching. */
export function parseTfFile(file: SourceFile): ParsedTfFile {
  const kind = tfFileKind(file.path) ?? 'tf';
  if (kind === 'tfjson' || kind === 'tfvarsjson') {
    const text = blankBom(file.text);
    const r = kind === 'tfjson' ? tfJsonToBody(text, file.id) : tfvarsJsonToBody(text, file.id);
    return { id: file.id, path: file.path, kind, text: file.text, body: r.body, problems: r.problems };
  }
  const r = parseHcl(blankBom(file.text));
  return {
    id: file.id,
    path: file.path,
    kind,
    text: file.text,
    body: r.body,
    problems: hclProblems(r.problems, file.id),
  };
}
