// Path templates → routes, with production's router answers for what matches nothing.

import type { Method, Route } from './http';

const METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export type Resolution =
  | { readonly kind: 'match'; readonly route: Route; readonly params: Record<string, string> }
  /** A known method with no handler for the path: production's 404 `unsupported route`. */
  | { readonly kind: 'unsupportedRoute' }
  /** A method the router does not dispatch on: production's 422 `unsupported path`. */
  | { readonly kind: 'unsupportedPath' };

interface CompiledRoute {
  readonly route: Route;
  readonly segments: readonly string[];
}

function matchSegments(template: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i] as string;
    const a = actual[i] as string;
    if (t.startsWith('{') && t.endsWith('}')) {
      if (a === '') return undefined;
      try {
        params[t.slice(1, -1)] = decodeURIComponent(a);
      } catch {
        return undefined;
      }
    } else if (t !== a) {
      return undefined;
    }
  }
  return params;
}

/** Builds a resolver over `routes` (dispatch on method first, as production's Lambda router does). */
export function createRouter(routes: readonly Route[]): (method: string, pathname: string) => Resolution {
  const byMethod = new Map<string, CompiledRoute[]>();
  for (const route of routes) {
    const list = byMethod.get(route.method) ?? [];
    list.push({ route, segments: route.path.split('/').slice(1) });
    byMethod.set(route.method, list);
  }
  return (method, pathname) => {
    if (!METHODS.includes(method)) return { kind: 'unsupportedPath' };
    const actual = pathname.split('/').slice(1);
    for (const compiled of byMethod.get(method as Method) ?? []) {
      const params = matchSegments(compiled.segments, actual);
      if (params) return { kind: 'match', route: compiled.route, params };
    }
    return { kind: 'unsupportedRoute' };
  };
}
