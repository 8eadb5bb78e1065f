// The diff as SARIF 2.1.0: one result per widening, at the token that causes it (the Action
// entry of the allowing statement, or the trust statement), so code scanning marks the line.

import { requestText } from './formatText';
import type { ReportedChange, ReportedDiff, ReportedPlace, ReportedSubject, ReportedTrustChange } from './locate';

const RULES = [
  { id: 'diff/widened', text: 'A role or policy allows requests it did not allow at the baseline', level: 'error' },
  { id: 'diff/trust-widened', text: 'More principals can assume the role than at the baseline', level: 'error' },
  { id: 'diff/verdict-worse', text: "A guarantee's verdict got worse than at the baseline", level: 'error' },
  { id: 'diff/undecided', text: 'Whether the change widens permissions depends on an unknown value', level: 'note' },
] as const;

type RuleId = (typeof RULES)[number]['id'];

/** A SARIF log with one run; paths are relative to %SRCROOT% (`baseUri`). */
export function formatDiffSarif(d: ReportedDiff, tool: { readonly version: string; readonly baseUri: string }): string {
  const results = d.subjects.flatMap(resultsOf);
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'pennsieve-guard',
              version: tool.version,
              informationUri: 'https://github.com/Pennsieve/pennsieve-compute-vscode',
              rules: RULES.map((r) => ({
                id: r.id,
                shortDescription: { text: r.text },
                defaultConfiguration: { level: r.level },
              })),
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: tool.baseUri } },
          columnKind: 'utf16CodeUnits',
          properties: { baseline: d.baseline },
          results,
        },
      ],
    },
    null,
    2,
  );
}

function resultsOf(s: ReportedSubject): object[] {
  const out: object[] = [];
  for (const c of s.added)
    out.push(result(c.status === 'yes' ? 'diff/widened' : 'diff/undecided', changeMessage(s, c), c.cause ?? s.at, c));
  for (const c of s.trust.added)
    out.push(
      result(c.status === 'yes' ? 'diff/trust-widened' : 'diff/undecided', trustMessage(s, c), c.cause ?? s.at, c),
    );
  for (const v of s.verdicts)
    if (v.worse)
      out.push(
        result('diff/verdict-worse', `${s.subject}: ${v.ruleId} ${v.title}: ${v.before} → ${v.after}`, v.at ?? s.at, v),
      );
  return out;
}

function changeMessage(s: ReportedSubject, c: ReportedChange): string {
  const what = `${s.subject} now allows ${c.label} on ${c.resources.join(', ')}`;
  return c.status === 'unknown'
    ? `${s.subject} may allow ${c.label}: unknown: ${c.reason ?? ''}`
    : `${what}${c.example ? `, e.g. ${requestText(c.example)}` : ''}`;
}

function trustMessage(s: ReportedSubject, c: ReportedTrustChange): string {
  return c.status === 'unknown'
    ? `${c.principal} may be able to assume ${s.subject}: unknown: ${c.reason ?? ''}`
    : `${c.principal} can now ${c.actions.join(', ')} on ${s.subject}`;
}

function result(ruleId: RuleId, text: string, at: ReportedPlace | undefined, properties: object): object {
  const level = RULES.find((r) => r.id === ruleId)!.level;
  const locations =
    at && at.in === 'current'
      ? [
          {
            physicalLocation: {
              artifactLocation: { uri: at.file, uriBaseId: '%SRCROOT%' },
              region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
            },
          },
        ]
      : [];
  return { ruleId, level, message: { text }, locations, properties };
}
