// A Pulumi TypeScript/JavaScript program -> the resources the model reads. Only files that import
// `@pulumi/aws` are parsed; what does not parse is reported where it breaks (PG801) and the rest
// of the program is still checked.

import type { DeploymentMode, IacResource, Unit } from '../../model/resources';
import type { ParseProblem, SourceFile } from '../../model/source';
import { limitProblem } from '../limits';
import { isTypeScriptPath } from './detect';
import { ScriptEvaluator } from './evaluate';
import { parseScript } from './parseScript';
import { toIacResource } from './resources';
import { resourceKind } from './resourceTypes';
import { walkProgram } from './walk';

export interface PulumiProgram {
  readonly unit: Unit;
  readonly resources: IacResource[];
  readonly problems: ParseProblem[];
}

/** Evaluates one program file: one unit, its IAM resources, and where it could not be read. */
export function evaluatePulumiProgram(file: SourceFile, profileMode: DeploymentMode): PulumiProgram {
  const unit: Unit = { id: file.id, language: 'pulumi', mode: { value: profileMode, source: 'profile' } };
  const parsed = parseScript(file.text, file.id, isTypeScriptPath(file.path));
  const problems = [...parsed.problems];
  const walked = walkProgram(parsed.body);
  if (walked.tooDeep) {
    const at = walked.tooDeep;
    problems.push(
      limitProblem({ file: file.id, start: at.start ?? 0, end: at.end ?? 0 }, 'the program is nested too deeply here'),
    );
  }
  const evaluator = new ScriptEvaluator(file.id, file.text);
  for (const site of walked.sites) {
    const callee = evaluator.eval(site.node.callee, site.scope);
    const kind =
      callee.t === 'ns' && callee.path[0] === 'aws' && callee.path.length === 3
        ? resourceKind(callee.path[1], callee.path[2])
        : undefined;
    if (!kind) continue;
    const made = evaluator.resource(site.node, site.scope, kind);
    if (made.t === 'res') made.res.exists = site.conditional ? 'unknown' : 'yes';
  }
  const resources = [...evaluator.resources.values()].map((r) => toIacResource(r, unit));
  return { unit, resources, problems };
}
