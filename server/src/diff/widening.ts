// "Only widening changes": the part of a delta that lets more in — requests newly allowed
// (confirmed or undecided), principals that may newly assume the role, and guarantees whose
// verdict got worse. An undecided addition stays: it may widen, so hiding it would be an all-clear.

import type { SubjectDelta } from './types';

/** `d` without what narrows or only moves a verdict up; undefined when nothing widening is left. */
function wideningPart(d: SubjectDelta): SubjectDelta | undefined {
  const verdicts = d.verdicts.filter((v) => v.worse);
  if (d.added.length + d.trustAdded.length + verdicts.length === 0) return undefined;
  return { ...d, removed: [], trustRemoved: [], verdicts };
}

/** Every delta, or only the widening parts of those that widen. */
export function filterDeltas(deltas: readonly SubjectDelta[], wideningOnly: boolean): SubjectDelta[] {
  if (!wideningOnly) return [...deltas];
  return deltas.flatMap((d) => wideningPart(d) ?? []);
}
