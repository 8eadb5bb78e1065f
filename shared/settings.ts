// The `pennsieve.*` settings the language server reads: their shape, defaults and a tolerant
// reader. Used by the extension (package.json contributions, client) and the server alike.

/** How much of the LSP traffic the client writes to its trace channel. */
export type TraceSetting = 'off' | 'messages' | 'verbose';

/** `pennsieve.guard.*`: what the guarantee checker reports. */
export interface GuardSettings {
  /** A built-in profile (`pennsieve`, `lakesail`) or a path to a profile file; "" = the workspace file, else `pennsieve`. */
  readonly profile: string;
  /** Publish only findings that are new relative to the file(s) at git HEAD. */
  readonly newFindingsOnly: boolean;
  /** Permission diff lenses and the Permission Changes view show only widening changes. */
  readonly wideningChangesOnly: boolean;
}

/** The `pennsieve` configuration section as the server sees it. */
export interface PennsieveSettings {
  readonly guard: GuardSettings;
  readonly trace: { readonly server: TraceSetting };
}

/** The configuration section the client synchronizes and the server pulls. */
export const SETTINGS_SECTION = 'pennsieve';

/** Full setting ids, for package.json and `workspace.getConfiguration().get(...)`. */
export const SETTING_IDS = {
  profile: 'pennsieve.guard.profile',
  newFindingsOnly: 'pennsieve.guard.newFindingsOnly',
  wideningChangesOnly: 'pennsieve.guard.wideningChangesOnly',
  traceServer: 'pennsieve.trace.server',
} as const;

/** What the server uses for a setting the client leaves unset. */
export const DEFAULT_SETTINGS: PennsieveSettings = Object.freeze({
  guard: Object.freeze({ profile: '', newFindingsOnly: false, wideningChangesOnly: false }),
  trace: Object.freeze({ server: 'off' as TraceSetting }),
});

const TRACE_VALUES: readonly TraceSetting[] = ['off', 'messages', 'verbose'];

/**
 * Reads the `pennsieve` section from whatever the client sent (`workspace/configuration`
 * result or `didChangeConfiguration` payload). Missing or mistyped values take their default,
 * so a half-written settings.json never breaks checking.
 */
export function readSettings(raw: unknown): PennsieveSettings {
  const section = asRecord(raw);
  const guard = asRecord(section.guard);
  const trace = asRecord(section.trace);
  const traceServer = TRACE_VALUES.find((v) => v === trace.server);
  return {
    guard: {
      profile: typeof guard.profile === 'string' ? guard.profile.trim() : DEFAULT_SETTINGS.guard.profile,
      newFindingsOnly:
        typeof guard.newFindingsOnly === 'boolean' ? guard.newFindingsOnly : DEFAULT_SETTINGS.guard.newFindingsOnly,
      wideningChangesOnly:
        typeof guard.wideningChangesOnly === 'boolean'
          ? guard.wideningChangesOnly
          : DEFAULT_SETTINGS.guard.wideningChangesOnly,
    },
    trace: { server: traceServer ?? DEFAULT_SETTINGS.trace.server },
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
