// The profile in force for a unit: the `pennsieve.guard.profile` setting (a built-in name or a
// path relative to the workspace folder), else the workspace file, else `pennsieve`. Loaded once
// per (setting, folder) until a profile file or the setting changes.

import { isAbsolute, resolve } from 'node:path';
import { BUILTIN_PROFILES, loadProfile, WORKSPACE_PROFILE_FILE } from '../engine/loadProfile';
import type { Profile } from '../core/profile';

/** A loaded profile, or the fallback and why. */
export interface ProfileResult {
  readonly profile: Profile;
  /** Set when the configured profile could not be loaded and the built-in default is used instead. */
  readonly error?: string;
}

/** Loaded profiles by setting and folder; cleared when a profile file or the setting changes. */
export class ProfileCache {
  private readonly cache = new Map<string, ProfileResult>();
  private fallback?: Profile;

  /** @param folderOf the workspace folder containing a path, for relative profile paths. */
  constructor(private readonly folderOf: (path: string) => string | undefined) {}

  /** The profile for a unit whose files live in `dir`. Never throws: errors fall back to `pennsieve`. */
  get(spec: string, dir: string): ProfileResult {
    const resolvedSpec = this.resolveSpec(spec, dir);
    const key = `${resolvedSpec}\u0000${resolvedSpec ? '' : dir}`;
    let r = this.cache.get(key);
    if (!r) {
      r = this.load(resolvedSpec, dir);
      this.cache.set(key, r);
    }
    return r;
  }

  /** True when a change to `path` may change a loaded profile. */
  affects(path: string): boolean {
    if (path.endsWith(WORKSPACE_PROFILE_FILE)) return true;
    for (const r of this.cache.values()) if (r.profile.source === path) return true;
    return false;
  }

  clear(): void {
    this.cache.clear();
  }

  private resolveSpec(spec: string, dir: string): string {
    if (!spec || (BUILTIN_PROFILES as readonly string[]).includes(spec) || isAbsolute(spec)) return spec;
    return resolve(this.folderOf(dir) ?? dir, spec);
  }

  private load(spec: string, dir: string): ProfileResult {
    try {
      return { profile: loadProfile(spec || undefined, dir) };
    } catch (err) {
      this.fallback ??= loadProfile('pennsieve', dir);
      return {
        profile: this.fallback,
        error: `Cannot load the profile, using pennsieve instead: ${(err as Error).message}`,
      };
    }
  }
}
