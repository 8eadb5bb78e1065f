// Masking for values that identify a secret-adjacent thing (external IDs, API keys) in the UI.

/**
 * Shows only the ends of a value: `ab12…9f3e`. Values too short to keep anything hidden become
 * `••••`; empty stays empty, so "no external ID" remains visible as such.
 */
export function maskSecret(value: string | undefined, keep = 4): string {
  if (!value) return '';
  if (value.length <= keep * 2 + 2) return '••••';
  return `${value.slice(0, keep)}…${value.slice(-keep)}`;
}
