// Which files are Pulumi programs: cheap tests on the path and the text, so that ordinary
// TypeScript, JavaScript and YAML files cost one regular-expression scan and nothing more.

/** TypeScript and JavaScript sources (not declaration files, not JSX). */
const SCRIPT_PATH = /\.(?:[cm]?ts|[cm]?js)$/i;
const DECLARATION_PATH = /\.d\.[cm]?ts$/i;

/**
 * An import or require of the AWS Classic provider SDK (`@pulumi/aws`, `@pulumi/aws/iam`): the
 * module name right after `from`, `import`, `import(` or `require(`, so a file that merely mentions
 * the name in a string (a bundle of this very checker, say) is not taken for a program.
 */
const IMPORTS_AWS = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(["'`])@pulumi\/aws(?:\/[A-Za-z]+)?\1/;

/** A top-level `resources:` map whose entries have a Pulumi AWS type token (`type: aws:iam:Role`). */
const YAML_RESOURCES = /^resources\s*:/m;
const YAML_AWS_TYPE = /^[ \t]+type\s*:\s*["']?aws:/m;

/** True for a TypeScript or JavaScript source file (one that may be a Pulumi program). */
export function isScriptPath(path: string): boolean {
  return SCRIPT_PATH.test(path) && !DECLARATION_PATH.test(path);
}

/** True for TypeScript (parsed with type syntax) rather than JavaScript. */
export function isTypeScriptPath(path: string): boolean {
  return /\.[cm]?ts$/i.test(path);
}

/** True when a script imports the Pulumi AWS SDK: only then is it parsed at all. */
export function importsPulumiAws(text: string): boolean {
  return IMPORTS_AWS.test(text);
}

/** True for a Pulumi YAML program (`Pulumi.yaml`, `Main.yaml`, ...) declaring AWS resources. */
export function isPulumiYamlText(text: string): boolean {
  return YAML_RESOURCES.test(text) && YAML_AWS_TYPE.test(text);
}
