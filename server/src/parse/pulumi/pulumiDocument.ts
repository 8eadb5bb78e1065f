// The Pulumi front end's entry point for parse/document.ts: a script or YAML file -> a unit of
// resources, or "ignored" when the file is not a Pulumi program that declares AWS resources.

import type { DeploymentMode } from '../../model/resources';
import type { SourceFile } from '../../model/source';
import type { DocumentResult } from '../document';
import { importsPulumiAws, isPulumiYamlText, isScriptPath } from './detect';
import { evaluatePulumiProgram } from './program';
import { evaluatePulumiYaml } from './yamlProgram';

/** Characters of one program beyond which it is reported, not parsed. */
const MAX_PROGRAM_CHARS = 2 * 1024 * 1024;

/** True when `readPulumiDocument` should read the file (cheap: path and one text scan). */
export function isPulumiDocument(file: SourceFile): boolean {
  return isScriptPath(file.path) ? importsPulumiAws(file.text) : isPulumiYamlText(file.text);
}

/** Reads a Pulumi program (TypeScript, JavaScript or YAML); other scripts are ignored. */
export function readPulumiDocument(file: SourceFile, profileMode: DeploymentMode): DocumentResult {
  if (!isPulumiDocument(file)) return { kind: 'ignored' };
  if (file.text.length > MAX_PROGRAM_CHARS) {
    const message = `Not checked, beyond the checker's limits: the program has ${file.text.length} characters (limit ${MAX_PROGRAM_CHARS})`;
    return { kind: 'broken', problems: [{ message, loc: { file: file.id, start: 0, end: 0 } }] };
  }
  const p = isScriptPath(file.path) ? evaluatePulumiProgram(file, profileMode) : evaluatePulumiYaml(file, profileMode);
  return { kind: 'units', unit: p.unit, resources: p.resources, problems: p.problems };
}
