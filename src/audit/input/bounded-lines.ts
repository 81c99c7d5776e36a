import { Readable } from 'node:stream';

/** Default `65_536` (64 KiB). Longest line of a reseller list read, in bytes; a longer one is reported as bad input. */
export const DEFAULT_MAX_LINE_BYTES = 65_536;

/** One physical line of a list: its text, or only that it was longer than the limit (its bytes are dropped unread). */
export type BoundedLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly tooLong: true };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * The lines of a stream, numbered from 1, split on `\n`, `\r\n` or a `\r` alone (spreadsheets
 * on old Macs end lines so), and a byte-order mark at the start dropped. Linear in the input,
 * and never holds more than `maxLineBytes` of a line: a longer line is yielded as `tooLong` as
 * soon as it passes the limit, and the rest of it is skipped as it arrives.
 */
export async function* readBoundedLines(stream: Readable, maxLineBytes: number = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let length = 0;
  /** The line being read: its bytes went over the limit and were already reported. */
  let skipping = false;
  /** The last chunk ended with a `\r`: a `\n` starting the next one belongs to that line end. */
  let afterCarriageReturn = false;
  let line = 1;
  const clear = () => {
    parts = [];
    length = 0;
  };
  /** The line read so far, whole: its text, or too long. */
  const complete = (): BoundedLine => {
    if (length > maxLineBytes) {
      clear();
      return { line, tooLong: true };
    }
    let text = Buffer.concat(parts, length).toString('utf8');
    clear();
    if (line === 1) text = text.replace(/^\uFEFF/, '');
    return { line, text };
  };
  for await (const received of stream as AsyncIterable<Buffer | string>) {
    const chunk = typeof received === 'string' ? Buffer.from(received) : received;
    if (chunk.length === 0) continue;
    let start = afterCarriageReturn && chunk[0] === NEWLINE ? 1 : 0;
    afterCarriageReturn = false;
    // The next of each line end, looked up again only once passed: linear whatever the mix.
    let nextNewline = chunk.indexOf(NEWLINE, start);
    let nextReturn = chunk.indexOf(CARRIAGE_RETURN, start);
    for (;;) {
      if (nextNewline !== -1 && nextNewline < start) nextNewline = chunk.indexOf(NEWLINE, start);
      if (nextReturn !== -1 && nextReturn < start) nextReturn = chunk.indexOf(CARRIAGE_RETURN, start);
      const end = nextNewline === -1 ? nextReturn : nextReturn === -1 ? nextNewline : Math.min(nextNewline, nextReturn);
      if (end === -1) break;
      if (!skipping) {
        parts.push(chunk.subarray(start, end));
        length += end - start;
        yield complete();
      }
      skipping = false;
      line += 1;
      start = end + 1;
      if (chunk[end] === CARRIAGE_RETURN) {
        if (start === chunk.length) afterCarriageReturn = true;
        else if (chunk[start] === NEWLINE) start += 1;
      }
    }
    if (start < chunk.length && !skipping) {
      // Copied: a slice would keep the whole chunk alive.
      parts.push(Buffer.from(chunk.subarray(start)));
      length += chunk.length - start;
      if (length > maxLineBytes) {
        clear();
        skipping = true;
        yield { line, tooLong: true };
      }
    }
  }
  if (length > 0) yield complete();
}
