// A policy-valued argument (object, JSON string, or unknown) -> PolicyDoc.

import { jsonToVal } from '../json';
import { buildPolicyDoc } from './buildPolicyDoc';
import type { PolicyDoc, PolicySyntax } from '../../model/policy';
import { holeReason, textOf } from '../../model/pstr';
import type { JsonDecoded, Val } from '../../model/value';
import { relocateDeep } from '../values';

/**
 * Policies arrive as objects (jsonencode, CloudFormation, heredocs the Terraform front end already
 * parsed) or as JSON strings (plan files, quoted strings). A JSON string is parsed here; its
 * locations are mapped to the string literal (exact when the string has no escapes).
 */
export function policyFromValue(v: Val, syntax: PolicySyntax): PolicyDoc {
  const placed = v.k === 'str' ? v.json?.() : undefined;
  if (placed) return decodedPolicy(placed, v.loc, syntax);
  if (v.k === 'str') {
    const text = textOf(v.s);
    if (text === undefined) {
      return buildPolicyDoc(
        { k: 'unknown', reason: holeReason(v.s) ?? 'the policy is not fully known', loc: v.loc },
        syntax,
      );
    }
    const span = v.loc.end - v.loc.start;
    // Exact mapping when the source text is the string itself (heredoc) or it quoted without escapes.
    const exact = span === text.length || span === text.length + 2;
    const res = jsonToVal(text, v.loc.file, { baseOffset: span === text.length ? v.loc.start : v.loc.start + 1 });
    if (!res.value) {
      const doc = buildPolicyDoc({ k: 'unknown', reason: 'the policy is not valid JSON', loc: v.loc }, syntax);
      return {
        ...doc,
        problems: res.problems.length ? res.problems : [{ message: 'The policy is not valid JSON', loc: v.loc }],
      };
    }
    const doc = buildPolicyDoc(exact ? res.value : relocateDeep(res.value, v.loc), syntax);
    return res.problems.length ? { ...doc, problems: [...res.problems, ...doc.problems] } : doc;
  }
  return buildPolicyDoc(v, syntax);
}

/** A policy from JSON its front end decoded with exact locations (`StrVal.json`). */
function decodedPolicy(d: JsonDecoded, loc: Val['loc'], syntax: PolicySyntax): PolicyDoc {
  const value = d.value ?? { k: 'unknown', reason: 'the policy is not valid JSON', loc };
  const doc = buildPolicyDoc(value, syntax);
  const problems = d.value || d.problems.length ? d.problems : [{ message: 'The policy is not valid JSON', loc }];
  return problems.length ? { ...doc, problems: [...problems, ...doc.problems] } : doc;
}
