import { once } from 'node:events';
import { Writable } from 'node:stream';

/** Text written in order to a stream, waiting whenever the stream asks to (memory stays flat however fast lines come). */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Writes what is held now (before something else writes to the same stream). */
  flush(): Promise<void>;
  /** Writes what is held, then ends a file stream and waits until it is on disk; leaves standard output open. */
  close(): Promise<void>;
}

export interface TextSinkOptions {
  /** Required. End the stream on close (a file), or leave it open (standard output). */
  readonly end: boolean;
  /** Default `65536`. Characters held before they are written. */
  readonly batchChars?: number;
  /** Default `100`. Longest time text is held before it is written, in ms. */
  readonly batchMs?: number;
}

/**
 * Lines are held and written in batches: one write per answer would cost a system call
 * each (a tenth of the audit's CPU on a fast run). A run killed outright loses at most the
 * last batch, which `--resume` checks again.
 */
export function createTextSink(stream: Writable, options: TextSinkOptions): TextSink {
  const batchChars = options.batchChars ?? 65_536;
  const batchMs = options.batchMs ?? 100;
  let failure: Error | undefined;
  stream.on('error', (error) => (failure ??= error));
  let held: string[] = [];
  let heldChars = 0;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (heldChars === 0) return flushing;
    const text = held.join('');
    held = [];
    heldChars = 0;
    flushing = flushing.then(async () => {
      if (failure) throw failure;
      // once() also rejects when the stream fails while we wait.
      if (!stream.write(text)) await once(stream, 'drain');
    });
    return flushing;
  };

  return {
    async write(text) {
      if (failure) throw failure;
      held.push(text);
      heldChars += text.length;
      if (heldChars >= batchChars) return flush();
      // A timed flush that fails is seen by the next write or by close.
      timer ??= setTimeout(() => void flush().catch(() => undefined), batchMs);
    },
    flush,
    async close() {
      await flush();
      if (failure) throw failure;
      if (!options.end) return;
      const finished = once(stream, 'finish');
      stream.end();
      await finished;
    },
  };
}
