// The user's own AWS credentials for the role commands: which profile, where requests go,
// and AWS failures turned into one sentence. The AWS SDK is loaded on first use.

import * as vscode from 'vscode';
import { ApiError } from '../api/client';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { required, UserFacingError } from './commandRunner';

type Sdk = typeof import('../aws/awsClients');
type IamClient = ReturnType<Sdk['createIamClient']>;
type StsClient = ReturnType<Sdk['createStsClient']>;

export interface AwsSession {
  readonly profile: string;
  readonly iam: IamClient;
  readonly sts: StsClient;
  /** An STS client for temporary credentials (same region and endpoint). */
  stsWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): StsClient;
  dispose(): void;
}

const DEFAULT_CHAIN = '$(key) Default credentials (environment, default profile)';

function isLoopback(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

export class AwsAccess {
  private confirmedEndpoint: string | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly log: Log,
  ) {}

  /**
   * Asks which profile to use (the configured one first) when `ask` is set or none is
   * configured; remembers the choice in `pennsieve.aws.profile`.
   */
  async chooseProfile(title: string, ask: boolean): Promise<string> {
    const configured = this.settings.aws.profile;
    if (!ask && configured) return configured;
    const { listAwsProfiles } = await import('../aws/profiles');
    const profiles = await listAwsProfiles();
    const ordered = [...new Set([configured, ...profiles].filter(Boolean))];
    const items = [
      ...ordered.map((p) => ({ label: p, description: p === configured ? 'configured' : undefined })),
      { label: DEFAULT_CHAIN, description: 'no named profile' },
    ];
    const choice = required(
      await vscode.window.showQuickPick(items, {
        title,
        placeHolder: 'AWS profile whose credentials create or change the role',
      }),
    ).label;
    const profile = choice === DEFAULT_CHAIN ? '' : choice;
    if (profile !== configured) await this.settings.update('aws.profile', profile);
    return profile;
  }

  /** IAM and STS clients for `profile`; confirms once when requests would not go to AWS. */
  async open(profile: string): Promise<AwsSession> {
    const s = { ...this.settings.aws, profile };
    if (s.endpoint && !isLoopback(s.endpoint) && this.confirmedEndpoint !== s.endpoint) {
      const go = 'Send to This Endpoint';
      const answer = await vscode.window.showWarningMessage(
        `AWS requests (signed with your credentials) would go to ${s.endpoint} instead of AWS. Continue?`,
        {
          modal: true,
          detail: 'The setting pennsieve.aws.endpoint is meant for the local sandbox (moto). Clear it to use real AWS.',
        },
        go,
      );
      if (answer !== go)
        throw new UserFacingError(`Not sending AWS requests to ${s.endpoint}: clear pennsieve.aws.endpoint to use AWS`);
      this.confirmedEndpoint = s.endpoint;
    }
    const sdk = await import('../aws/awsClients');
    const mfa = async (serial: string) =>
      required(
        await vscode.window.showInputBox({
          title: 'AWS MFA code',
          prompt: `MFA code for ${serial}`,
          password: true,
          ignoreFocusOut: true,
        }),
      );
    const target = sdk.targetFor(s, sdk.credentialsFor(s, mfa));
    const iam = sdk.createIamClient(target);
    const sts = sdk.createStsClient(target);
    this.log.info(
      `AWS: using ${profile ? `profile "${profile}"` : 'the default credential chain'} in ${s.region}${s.endpoint ? ` via ${s.endpoint}` : ''}`,
    );
    return {
      profile,
      iam,
      sts,
      stsWith: (credentials) => sdk.createStsClient(sdk.targetFor(s, credentials)),
      dispose: () => {
        iam.destroy();
        sts.destroy();
      },
    };
  }

  /** Runs `fn` with AWS clients and turns any AWS failure into one sentence naming the profile. */
  async run<T>(profile: string, fn: (aws: AwsSession) => Promise<T>): Promise<T> {
    const session = await this.open(profile);
    try {
      return await fn(session);
    } catch (err) {
      // Only AWS failures are reworded; Pennsieve's own errors and cancellations pass through.
      if (err instanceof UserFacingError || err instanceof ApiError || (err as Error)?.name === 'UserCancelled')
        throw err;
      const { describeAwsError } = await import('../aws/awsErrors');
      throw new UserFacingError(describeAwsError(err, profile), { cause: err });
    } finally {
      session.dispose();
    }
  }
}
