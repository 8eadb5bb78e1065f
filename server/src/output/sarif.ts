// SARIF 2.1.0 for code-scanning tools (GitHub code scanning, Azure DevOps, ...).

import type { ReportedFinding, ReportedRelated } from '../engine/locate';
import { ruleDocUrl, type RuleInfo } from '../core/ruleInfo';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export interface SarifTool {
  readonly version: string;
  /** `file:` URI of the folder paths are relative to, ending in `/`. */
  readonly baseUri: string;
  readonly rules: readonly RuleInfo[];
}

/** A SARIF log with one run; paths are relative to %SRCROOT% (the folder the CLI ran in). */
export function formatSarif(findings: readonly ReportedFinding[], tool: SarifTool): string {
  const ruleIndex = new Map(tool.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pennsieve-guard',
            version: tool.version,
            informationUri: 'https://github.com/Pennsieve/pennsieve-compute-vscode',
            rules: tool.rules.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
              shortDescription: { text: r.title },
              fullDescription: { text: r.summary },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: tool.baseUri } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
                region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
              },
            },
          ],
          ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => relatedLocation(r, i)) } : {}),
          partialFingerprints: { 'pennsieveGuard/v1': fingerprintOf(f) },
          properties: { new: f.new, ...(f.counterexample ? { counterexample: f.counterexample } : {}) },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function relatedLocation(r: ReportedRelated, id: number) {
  return {
    id,
    message: { text: r.message },
    physicalLocation: {
      artifactLocation: { uri: encodeURI(r.file), uriBaseId: '%SRCROOT%' },
      region: { startLine: r.line, startColumn: r.column },
    },
  };
}

function fingerprintOf(f: ReportedFinding): string {
  let h = 2166136261;
  for (const ch of `${f.ruleId}|${f.file}|${f.snippet}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
