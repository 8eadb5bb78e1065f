// Settings per document, pulled with workspace/configuration (section `pennsieve`), cached until
// the configuration changes or the document closes. Clients without pull get the pushed section.

import type { ClientCapabilities, Connection, DidChangeConfigurationParams } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, readSettings, SETTINGS_SECTION, type PennsieveSettings } from '../../../shared/settings';

/** The `pennsieve` settings per document URI; the only reader of settings in the server. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<PennsieveSettings>>();
  private pushed: PennsieveSettings = DEFAULT_SETTINGS;
  private canPull = false;

  constructor(private readonly connection: Connection) {}

  /** Reads what the client supports, from `initialize`. */
  configure(capabilities: ClientCapabilities): void {
    this.canPull = !!capabilities.workspace?.configuration;
  }

  /** The settings in force for a document. Never rejects: a failed pull gives the defaults. */
  get(uri: string): Promise<PennsieveSettings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(readSettings, (err: Error) => {
          this.connection.console.error(`Cannot read the ${SETTINGS_SECTION} settings, using defaults: ${err.message}`);
          this.cache.delete(uri);
          return DEFAULT_SETTINGS;
        });
      this.cache.set(uri, p);
    }
    return p;
  }

  /** `workspace/didChangeConfiguration`: forget everything pulled; keep what was pushed. */
  changed(params: DidChangeConfigurationParams): void {
    this.cache.clear();
    const settings = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    if (settings !== undefined) this.pushed = readSettings(settings);
  }

  /** The document closed. */
  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
