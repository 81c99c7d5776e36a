import { readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used, in µs; undefined where /proc is not there. */
export function cpuMicroseconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * (1_000_000 / 100);
  } catch {
    return undefined;
  }
}
