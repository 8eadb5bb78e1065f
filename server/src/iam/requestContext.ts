// The request's context keys, normalized once per evaluation: lower-case names, symbols bound.

import type { PStr } from '../model/pstr';
import { bindSymbols } from './standIns';
import type { ContextValue, EvalRequest } from './types';
import type { VarValue } from './variables';

/** What one key holds in this request. */
export type KeyState =
  | { readonly k: 'absent' }
  | { readonly k: 'single'; readonly v: string | PStr }
  | { readonly k: 'multi'; readonly vs: readonly (string | PStr)[] };

const ABSENT: KeyState = { k: 'absent' };

function bindValue(v: string | PStr): string | PStr {
  return typeof v === 'string' ? v : bindSymbols(v);
}

/** Converts a context value as given by the caller. */
export function toKeyState(v: ContextValue | undefined): KeyState {
  if (v === null || v === undefined) return ABSENT;
  if (Array.isArray(v)) return { k: 'multi', vs: (v as readonly (string | PStr)[]).map(bindValue) };
  return { k: 'single', v: bindValue(v as string | PStr) };
}

/** One request's context keys, looked up case-insensitively. */
export class RequestContext {
  private readonly keys = new Map<string, KeyState>();

  constructor(req: EvalRequest) {
    for (const [k, v] of Object.entries(req.context ?? {})) this.keys.set(k.toLowerCase(), toKeyState(v));
  }

  /** The state of a key (name case-insensitive); keys the request does not carry are absent. */
  get(key: string): KeyState {
    return this.keys.get(key.toLowerCase()) ?? ABSENT;
  }

  /** Policy-variable lookup over this context. */
  readonly lookup = (key: string): VarValue => {
    const s = this.get(key);
    if (s.k === 'single') return s.v;
    return s.k;
  };
}
