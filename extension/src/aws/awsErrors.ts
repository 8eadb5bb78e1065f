// AWS SDK errors -> one sentence for the user (the variable part last, after a colon).

/** True for the SDK's "not found" errors (IAM NoSuchEntity). */
export function isNoSuchEntity(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'NoSuchEntityException' || name === 'NoSuchEntity';
}

export function isEntityAlreadyExists(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === 'EntityAlreadyExistsException' || name === 'EntityAlreadyExists';
}

/** A user-facing description of an AWS failure, naming the profile the credentials came from. */
export function describeAwsError(err: unknown, profile: string): string {
  const e = err as { name?: string; message?: string };
  const name = e?.name ?? 'Error';
  const message = (e?.message ?? String(err)).split('\n')[0]!;
  const who = profile ? `profile "${profile}"` : 'the default AWS credentials';
  if (/aws sso login|SSO session|SSO Token/i.test(message)) {
    const login = profile ? `aws sso login --profile ${profile}` : 'aws sso login';
    return `The IAM Identity Center (SSO) sign-in of ${who} has expired or is missing: run "${login}", then try again (${message})`;
  }
  if (name === 'CredentialsProviderError' || /Could not load credentials|Unable to load credentials/i.test(message)) {
    return `No AWS credentials for ${who}: ${message}`;
  }
  if (/Token.*(expired|invalid)|ExpiredToken|InvalidClientTokenId|SSO.*(expired|refresh)/i.test(`${name} ${message}`)) {
    return `The AWS credentials of ${who} are expired or invalid (for SSO, run "aws sso login"): ${message}`;
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || /not authorized/i.test(message)) {
    return `AWS denied the request for ${who}: ${message}`;
  }
  return `AWS request failed (${name}): ${message}`;
}
