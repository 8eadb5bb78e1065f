// The Pulumi front end's entry point for parse/document.ts: a script or YAML file -> a unit of
// resources, or "ignored" when the file is not a Pulumi program that declares AWS resources.

import type { DeploymentMode } from '../../model/resources';
import type { SourceFile } from '../../model/source';
import type { DocumentResult } from '../document';
import { LIMITS, limitProblem } from '../limits';
import { importsPulumiAws, isPulumiYamlText, isScriptPath } from './detect';
import { evaluatePulumiProgram } from './program';
import { evaluatePulumiYaml } from './yamlProgram';

/** True when `readPulumiDocument` should read the file (cheap: path and one text scan). */
export function isPulumiDocument(file: SourceFile): boolean {
  return isScriptPath(file.path) ? importsPulumiAws(file.text) : isPulumiYamlText(file.text);
}

/** Reads a Pulumi program (TypeScript, JavaScript or YAML); other scripts are ignored. */
export function readPulumiDocument(file: SourceFile, profileMode: DeploymentMode): DocumentResult {
  if (!isPulumiDocument(file)) return { kind: 'ignored' };
  const max = LIMITS.fileChars;
  if (file.text.length > max) {
    return {
      kind: 'broken',
      problems: [
        limitProblem(
          { file: file.id, start: 0, end: 0 },
          `the program has ${file.text.length} characters (limit ${max})`,
        ),
      ],
    };
  }
  const p = isScriptPath(file.path) ? evaluatePulumiProgram(file, profileMode) : evaluatePulumiYaml(file, profileMode);
  return { kind: 'units', unit: p.unit, resources: p.resources, problems: p.problems };
}
