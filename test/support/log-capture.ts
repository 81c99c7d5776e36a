import { Writable } from 'node:stream';

/** A log destination that keeps every line, for tests that read what was logged. */
export function captureLogs(): { readonly lines: string[]; readonly stream: Writable; readonly text: () => string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream, text: () => lines.join('') };
}
