import { Readable } from 'node:stream';

/** Default `65_536` (64 KiB). Longest line of a reseller list read, in bytes; a longer one is reported as bad input. */
export const DEFAULT_MAX_LINE_BYTES = 65_536;

/** One physical line of a list: its text, or only that it was longer than the limit (its bytes are dropped unread). */
export type BoundedLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly tooLong: true };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of a stream, numbered from 1, split on `\n` (a `\r` before it and a byte-order
 * mark at the start are dropped). Linear in the input, and never holds more than
 * `maxLineBytes` (and one byte) of a line: a longer line is yielded as `tooLong` as soon as it
 * passes the limit, and the rest of it is skipped as it arrives.
 */
export async function* readBoundedLines(stream: Readable, maxLineBytes: number = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let length = 0;
  /** The line being read: its bytes went over the limit and were already reported. */
  let skipping = false;
  let line = 1;
  const clear = () => {
    parts = [];
    length = 0;
  };
  /** The line read so far, whole: its text, or too long (a `\r` ending it is not counted). */
  const complete = (): BoundedLine => {
    const last = parts.length > 0 ? parts[parts.length - 1] : undefined;
    const carriageReturn = last !== undefined && last[last.length - 1] === CARRIAGE_RETURN ? 1 : 0;
    if (length - carriageReturn > maxLineBytes) {
      clear();
      return { line, tooLong: true };
    }
    let text = Buffer.concat(parts, length).toString('utf8');
    clear();
    if (carriageReturn) text = text.slice(0, -1);
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    return { line, text };
  };
  for await (const received of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof received === 'string' ? Buffer.from(received) : received;
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE, start); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      if (!skipping) {
        parts.push(chunk.subarray(start, end));
        length += end - start;
        yield complete();
      }
      skipping = false;
      line += 1;
      start = end + 1;
    }
    if (start < chunk.length && !skipping) {
      // Copied: a slice would keep the whole chunk alive.
      parts.push(Buffer.from(chunk.subarray(start)));
      length += chunk.length - start;
      // One byte of slack: it may be the `\r` of a line exactly at the limit.
      if (length > maxLineBytes + 1) {
        clear();
        skipping = true;
        yield { line, tooLong: true };
      }
    }
  }
  if (length > 0) yield complete();
}
