import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';

/** UTF-16 byte-order marks: spreadsheets save "Unicode text" so, little-endian as a rule. */
const UTF16_MARKS: ReadonlyArray<readonly [number, number, 'utf-16le' | 'utf-16be']> = [
  [0xff, 0xfe, 'utf-16le'],
  [0xfe, 0xff, 'utf-16be'],
];

/**
 * A reseller list as UTF-8 bytes: a list that starts with a UTF-16 byte-order mark is
 * decoded as it is read (the mark dropped); any other is given back whole, as it is (UTF-8,
 * with or without its own mark).
 */
export async function decodeList(source: Readable): Promise<Readable> {
  const iterator: AsyncIterator<Buffer | string> = source[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let bytes = 0;
  while (bytes < 2) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    seen.push(chunk);
    bytes += chunk.length;
  }
  const head = Buffer.concat(seen);
  const encoding = UTF16_MARKS.find(([first, second]) => head[0] === first && head[1] === second)?.[2];
  async function* rest(): AsyncGenerator<Buffer> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  async function* whole(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    yield* rest();
  }
  async function* decoded(decoder: TextDecoder): AsyncGenerator<Buffer> {
    for await (const chunk of whole()) {
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield Buffer.from(text, 'utf8');
    }
    const last = decoder.decode();
    if (last !== '') yield Buffer.from(last, 'utf8');
  }
  const bytesOut = encoding === undefined ? whole() : decoded(new TextDecoder(encoding));
  const stream = Readable.from(bytesOut, { objectMode: false });
  // Closing what is read from closes the list (Ctrl-C on a pipe).
  stream.once('close', () => void iterator.return?.().catch(() => undefined));
  return stream;
}
