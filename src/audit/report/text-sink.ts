import { once } from 'node:events';
import { Writable } from 'node:stream';

/** Text written in order to a stream, waiting whenever the stream asks to (memory stays flat however fast lines come). */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Ends a file stream and waits until it is on disk; leaves standard output open. */
  close(): Promise<void>;
}

export function createTextSink(stream: Writable, options: { end: boolean }): TextSink {
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  return {
    async write(text) {
      if (failure) throw failure;
      // once() also rejects when the stream fails while we wait.
      if (!stream.write(text)) await once(stream, 'drain');
      if (failure) throw failure;
    },
    async close() {
      if (failure) throw failure;
      if (!options.end) return;
      const finished = once(stream, 'finish');
      stream.end();
      await finished;
    },
  };
}
