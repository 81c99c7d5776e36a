import { createReadStream } from 'node:fs';
import { decodeList } from './list-encoding';

/**
 * Lines holding something other than white space, counted in one quick pass over the file
 * before the run (for the progress bar's total and time left; the run itself never holds
 * the file). Lines end as `readBoundedLines` ends them: `\n`, `\r\n` or a `\r` alone.
 */
export async function countNonBlankLines(file: string): Promise<number> {
  let count = 0;
  let blank = true;
  let afterCarriageReturn = false;
  for await (const chunk of (await decodeList(createReadStream(file))) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a || byte === 0x0d) {
        const lineEnd = byte === 0x0d || !afterCarriageReturn;
        afterCarriageReturn = byte === 0x0d;
        if (!lineEnd) continue;
        if (!blank) count += 1;
        blank = true;
      } else {
        afterCarriageReturn = false;
        if (blank && byte !== 0x20 && byte !== 0x09) blank = false;
      }
    }
  }
  return blank ? count : count + 1;
}
