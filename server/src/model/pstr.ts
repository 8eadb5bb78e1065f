// Partially known strings: what a Terraform template or a CloudFormation !Sub resolves to
// when some of its pieces are only known at deploy time.

import type { Loc } from './loc';

/**
 * A piece of a string whose value is not known here. `reason` says why, for the user
 * ("var.node_id has no default"). `symbol` marks the deploying account, region or partition:
 * those are unknown as text but equal to the same symbol everywhere in one evaluation.
 */
export interface Hole {
  readonly hole: string;
  readonly loc?: Loc;
  readonly symbol?: SelfSymbol;
}

/** Values that name the deploying account, its region and partition. */
export type SelfSymbol = 'account' | 'region' | 'partition';

export type Part = string | Hole;

/** A string made of known text and holes. A fully known string has no holes. */
export interface PStr {
  readonly parts: readonly Part[];
}

export function known(text: string): PStr {
  return { parts: [text] };
}

export function hole(reason: string, loc?: Loc, symbol?: SelfSymbol): Hole {
  return symbol ? { hole: reason, loc, symbol } : { hole: reason, loc };
}

export function isHole(p: Part): p is Hole {
  return typeof p !== 'string';
}

/** Joins parts, merging adjacent literal text and dropping empty literals. */
export function concatParts(pieces: readonly (Part | PStr)[]): PStr {
  const out: Part[] = [];
  for (const piece of pieces) {
    const parts = typeof piece === 'string' || 'hole' in piece ? [piece as Part] : piece.parts;
    for (const p of parts) {
      if (typeof p === 'string') {
        if (p === '') continue;
        const last = out[out.length - 1];
        if (typeof last === 'string') out[out.length - 1] = last + p;
        else out.push(p);
      } else out.push(p);
    }
  }
  return { parts: out };
}

/** The text when fully known, else undefined. */
export function textOf(s: PStr): string | undefined {
  if (s.parts.length === 0) return '';
  if (s.parts.length === 1 && typeof s.parts[0] === 'string') return s.parts[0];
  return undefined;
}

/** The first hole's reason, for messages about why something could not be decided. */
export function holeReason(s: PStr): string | undefined {
  for (const p of s.parts) if (isHole(p)) return p.hole;
  return undefined;
}

/** Renders for messages: holes as `${…}`. */
export function renderPStr(s: PStr): string {
  return s.parts.map((p) => (typeof p === 'string' ? p : '${…}')).join('');
}
