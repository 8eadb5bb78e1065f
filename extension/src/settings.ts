// The sole reader of `pennsieve.*` settings, with typed getters and defaults.

import * as vscode from 'vscode';
import {
  DEFAULT_SETTINGS,
  readSettings,
  SETTINGS_SECTION,
  type GuardSettings,
  type TraceSetting,
} from '../../shared/settings';
import type { ApiMode } from './auth/connection';
import type { AwsProfileSettings } from './aws/awsClients';

export const DEFAULT_BASE_URL = 'https://api2.pennsieve.io/compute/resources';
export const DEFAULT_POLL_SECONDS = 3;

/** Typed access to the extension's settings. Reads on every call, so changes apply at once. */
export class Settings {
  private config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SETTINGS_SECTION);
  }

  /** The API base URL offered at sign-in; a signed-in session keeps the URL it was given for. */
  get apiBaseUrl(): string {
    const v = this.config().get<string>('api.baseUrl', DEFAULT_BASE_URL).trim();
    return (v || DEFAULT_BASE_URL).replace(/\/+$/, '');
  }

  get apiMode(): ApiMode {
    return this.config().get<string>('api.mode') === 'sandbox' ? 'sandbox' : 'pennsieve';
  }

  get aws(): AwsProfileSettings {
    const c = this.config();
    return {
      profile: c.get<string>('aws.profile', '').trim(),
      region: c.get<string>('aws.region', '').trim() || 'us-east-1',
      endpoint: c.get<string>('aws.endpoint', '').trim() || undefined,
    };
  }

  /** Seconds between polls of a node that is Pending or Destroying (1–300; anything else: the default). */
  get pollIntervalSeconds(): number {
    const v = this.config().get<number>('nodes.pollIntervalSeconds', DEFAULT_POLL_SECONDS);
    return typeof v === 'number' && Number.isFinite(v) && v >= 1 && v <= 300 ? v : DEFAULT_POLL_SECONDS;
  }

  get guard(): GuardSettings {
    const c = this.config();
    return readSettings({ guard: c.get('guard'), trace: c.get('trace') }).guard;
  }

  get traceServer(): TraceSetting {
    const c = this.config();
    return readSettings({
      guard: c.get('guard'),
      trace: { server: c.get('trace.server', DEFAULT_SETTINGS.trace.server) },
    }).trace.server;
  }

  /** Writes a user-level setting (sign-in remembers the mode, registration the profile; never credentials). */
  async update(key: 'api.mode' | 'aws.profile', value: string): Promise<void> {
    await this.config().update(key, value, vscode.ConfigurationTarget.Global);
  }

  /** Fires when any `pennsieve.*` setting changes; `affects` tests a sub-key such as `api`. */
  onDidChange(listener: (affects: (key: string) => boolean) => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION))
        listener((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
    });
  }
}
