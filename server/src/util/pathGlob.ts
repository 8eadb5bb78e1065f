// File-path globs for profile settings: `**` crosses folders, `*` and `?` do not.

const cache = new Map<string, RegExp>();

function toRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') i++;
        re += '(?:.*/)?';
        if (glob[i] !== '/' && i < glob.length - 1) re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${re}$`);
}

/** True when `path` (any separators) matches one of `globs`, anchored at a folder boundary. */
export function matchesPathGlob(globs: readonly string[], path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return globs.some((g) => {
    let re = cache.get(g);
    if (!re) {
      re = toRegExp(g);
      cache.set(g, re);
    }
    return re.test(p);
  });
}
