// A UTF-8 byte-order mark at the start of a file (Windows editors write one; Terraform, AWS and
// YAML accept it). Parsers see it as one space, so every offset stays where it was.

/** `text` with a leading U+FEFF replaced by a space (same length, same offsets). */
export function blankBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}
