// What intrinsic evaluation can see in one template: parameters, conditions, mappings, resources.

import type { Loc } from '../../model/loc';
import type { ParseProblem } from '../../model/source';
import type { Tri } from '../../model/resources';
import { getEntry, type ObjVal, type Val } from '../../model/value';
import { EvalBudget } from '../evalBudget';
import { readSamGlobals } from './samGlobals';

export interface CfnParameter {
  readonly name: string;
  readonly declLoc: Loc;
  readonly default?: Val;
}

export interface CfnResourceDecl {
  readonly logicalId: string;
  readonly type: string;
  readonly keyLoc: Loc;
  readonly body: ObjVal;
  readonly rawProps?: Val;
}

/** Evaluation state for one template; memo tables make each resource's properties evaluate once. */
export interface CfnContext {
  readonly file: string;
  readonly params: ReadonlyMap<string, CfnParameter>;
  readonly conditionDefs: ReadonlyMap<string, Val>;
  readonly mappings?: Val;
  readonly resources: ReadonlyMap<string, CfnResourceDecl>;
  readonly conditionMemo: Map<string, Tri | 'pending'>;
  readonly propsMemo: Map<string, Val | 'pending'>;
  /** Bounds nesting, work and value sizes of this template's evaluation (its problems are PG801). */
  readonly budget: EvalBudget;
  /** Problems found reading the sections (SAM Globals that SAM rejects): PG801. */
  readonly problems: readonly ParseProblem[];
  /** The template's source text (JSON strings in it are decoded with exact positions), when known. */
  readonly text?: string;
}

/**
 * Reads the top-level sections of a template value into a fresh context. SAM `Globals` are merged
 * into the resources they apply to.
 */
export function createContext(file: string, template: ObjVal, text?: string): CfnContext {
  const params = new Map<string, CfnParameter>();
  const paramSection = getEntry(template, 'Parameters')?.value;
  if (paramSection?.k === 'obj') {
    for (const e of paramSection.entries) {
      const def = e.value.k === 'obj' ? getEntry(e.value, 'Default')?.value : undefined;
      params.set(e.key, { name: e.key, declLoc: e.keyLoc, default: def });
    }
  }
  const conditionDefs = new Map<string, Val>();
  const condSection = getEntry(template, 'Conditions')?.value;
  if (condSection?.k === 'obj') for (const e of condSection.entries) conditionDefs.set(e.key, e.value);
  const resources = new Map<string, CfnResourceDecl>();
  const globals = readSamGlobals(template);
  const resSection = getEntry(template, 'Resources')?.value;
  if (resSection?.k === 'obj') {
    for (const e of resSection.entries) {
      if (e.value.k !== 'obj') continue;
      const typeVal = getEntry(e.value, 'Type')?.value;
      const type = typeVal?.k === 'str' && typeof typeVal.s.parts[0] === 'string' ? typeVal.s.parts[0] : '';
      resources.set(e.key, {
        logicalId: e.key,
        type,
        keyLoc: e.keyLoc,
        body: e.value,
        rawProps: globals.apply(type, getEntry(e.value, 'Properties')?.value),
      });
    }
  }
  return {
    file,
    params,
    conditionDefs,
    mappings: getEntry(template, 'Mappings')?.value,
    resources,
    conditionMemo: new Map(),
    propsMemo: new Map(),
    budget: new EvalBudget(),
    problems: globals.problems,
    text,
  };
}
