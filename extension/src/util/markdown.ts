// Names from the API inside Markdown tooltips: escaped, so a name cannot format or link.

/** `s` with every Markdown-significant character escaped. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
