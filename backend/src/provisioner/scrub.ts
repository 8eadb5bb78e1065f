// Removes credentials from text before it reaches a log or an error message.

const REDACTED = '[redacted]';

// AWS access key ids (long-term AKIA…, temporary ASIA…), and any long base64-like run, the
// shape of secret keys (40 chars) and session tokens (hundreds).
const PATTERNS: readonly RegExp[] = [/\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b/g, /[A-Za-z0-9/+=]{40,}/g];

/**
 * Returns a scrubber that replaces the given secret values, and anything shaped like an AWS key
 * or token, with `[redacted]`. Values shorter than 8 characters are ignored (too likely to
 * collide with ordinary text).
 */
export function createScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const known = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= 8)
    .sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const secret of known) out = out.split(secret).join(REDACTED);
    for (const pattern of PATTERNS) out = out.replace(pattern, REDACTED);
    return out;
  };
}
