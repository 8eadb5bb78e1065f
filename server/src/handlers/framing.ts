// Checks LSP base-protocol framing on a byte stream before vscode-jsonrpc reads it. The library
// takes `Content-Length: 99999999999` (or `12abc`) at face value and then waits forever for the
// body, and keeps buffering a header that never ends; here either ends the stream with an error.

import { Transform, type TransformCallback } from 'node:stream';

/** The largest message accepted (a 20 MB document in didOpen, JSON-escaped, fits). */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
/** The largest header block accepted. */
const MAX_HEADER_BYTES = 8 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Passes a stream through unchanged while its framing is sound; errors (and stops) when it is not. */
export class FramingGuard extends Transform {
  /** Bytes of the current message body still to pass, or -1 while reading a header. */
  private bodyLeft = -1;
  private header: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.bodyLeft -= n;
        data = data.subarray(n);
        if (this.bodyLeft === 0) this.bodyLeft = -1;
        continue;
      }
      const err = this.readHeader(data);
      if (err instanceof Error) return done(err);
      data = err;
    }
    done(null, chunk);
  }

  /** Consumes header bytes from `data`; returns what follows the header, or the framing error. */
  private readHeader(data: Buffer): Buffer | Error {
    // Copied only when a header spans chunks (a chunk holds hundreds of small messages).
    const all = this.header.length ? Buffer.concat([this.header, data]) : data;
    const end = all.indexOf(CRLFCRLF);
    if (end < 0) {
      if (all.length > MAX_HEADER_BYTES) return new Error(`an LSP header longer than ${MAX_HEADER_BYTES} bytes`);
      this.header = all;
      return Buffer.alloc(0);
    }
    this.header = Buffer.alloc(0);
    const length = contentLength(all.subarray(0, end).toString('ascii'));
    if (typeof length === 'string') return new Error(length);
    this.bodyLeft = length === 0 ? -1 : length;
    return all.subarray(end + CRLFCRLF.length);
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function contentLength(header: string): number | string {
  const line = header.split('\r\n').find((l) => /^content-length\s*:/i.test(l));
  if (!line) return 'an LSP header without Content-Length';
  const value = line.slice(line.indexOf(':') + 1).trim();
  if (!/^[0-9]{1,15}$/.test(value)) return `a malformed Content-Length: ${value.slice(0, 40)}`;
  const n = Number(value);
  if (n > MAX_MESSAGE_BYTES) return `a Content-Length of ${n} bytes (limit ${MAX_MESSAGE_BYTES})`;
  return n;
}
