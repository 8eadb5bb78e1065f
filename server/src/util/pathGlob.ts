// File-path globs for profile settings: `**` crosses folders, `*` and `?` do not. Globs come from
// a profile file in the checked repository, so they are matched by simulating all positions at
// once (time linear in path length times glob length), never by a backtracking RegExp.

type Token =
  | { readonly k: 'lit'; readonly c: string }
  /** `?`: one character other than `/`. */
  | { readonly k: 'one' }
  /** `*`: any run without `/` (slash = false), or any run at all (`**` not before `/`). */
  | { readonly k: 'star'; readonly slash: boolean }
  /** `**` before `/`: zero or more whole folders; the tokens up to `to` are the "one or more" branch. */
  | { readonly k: 'folders'; readonly to: number };

const cache = new Map<string, readonly Token[]>();

/** Compiles a glob: `**` then `/` is any number of folders, other `**` any text, `*` and `?` within a folder. */
function compile(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') i++;
      // Any folders: skip to after the group, or match any text ending with `/`.
      const at = tokens.length;
      tokens.push({ k: 'folders', to: at + 3 }, { k: 'star', slash: true }, { k: 'lit', c: '/' });
      if (glob[i] !== '/' && i < glob.length - 1) tokens.push({ k: 'star', slash: true });
    } else if (c === '*') tokens.push({ k: 'star', slash: false });
    else if (c === '?') tokens.push({ k: 'one' });
    else tokens.push({ k: 'lit', c });
  }
  return tokens;
}

/** Adds state `s` and everything reachable from it without reading a character. */
function close(tokens: readonly Token[], set: Uint8Array, s: number): void {
  const stack = [s];
  for (let cur = stack.pop(); cur !== undefined; cur = stack.pop()) {
    if (set[cur]) continue;
    set[cur] = 1;
    const t = tokens[cur];
    if (!t) continue;
    if (t.k === 'star') stack.push(cur + 1);
    else if (t.k === 'folders') stack.push(cur + 1, t.to);
  }
}

/** Whether `path` matches `tokens` from the start of the path or of any folder in it, to its end. */
function matches(tokens: readonly Token[], path: string): boolean {
  const n = tokens.length + 1;
  let cur = new Uint8Array(n);
  close(tokens, cur, 0);
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    const next = new Uint8Array(n);
    for (let s = 0; s < tokens.length; s++) {
      if (!cur[s]) continue;
      const t = tokens[s];
      if (t.k === 'lit' ? t.c === ch : t.k === 'one' ? ch !== '/' : t.k === 'star' && (t.slash || ch !== '/'))
        close(tokens, next, t.k === 'star' ? s : s + 1);
    }
    if (ch === '/') close(tokens, next, 0);
    cur = next;
  }
  return cur[tokens.length] === 1;
}

/** True when `path` (any separators) matches one of `globs`, anchored at a folder boundary. */
export function matchesPathGlob(globs: readonly string[], path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return globs.some((g) => {
    let tokens = cache.get(g);
    if (!tokens) {
      tokens = compile(g);
      cache.set(g, tokens);
    }
    return matches(tokens, p);
  });
}
