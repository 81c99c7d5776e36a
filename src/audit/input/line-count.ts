import { createReadStream } from 'node:fs';

/**
 * Lines holding something other than white space, counted in one quick pass over the file
 * before the run (for the progress bar's total and time left; the run itself never holds
 * the file).
 */
export async function countNonBlankLines(file: string): Promise<number> {
  let count = 0;
  let blank = true;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (!blank) count += 1;
        blank = true;
      } else if (blank && byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        blank = false;
      }
    }
  }
  return blank ? count : count + 1;
}
