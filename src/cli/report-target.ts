import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { ReportFormat, htmlIntermediate } from '../audit/report/report-writer';
import { UsageError } from './audit-arguments';

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Checks, before a line is checked, that the report's files can be written: not a folder,
 * in a folder that exists and may be written, and not the list itself under another name
 * (a symbolic or hard link), which a new report would empty. A UsageError naming `--out`.
 */
export async function checkReportTarget(out: string, format: ReportFormat, input: string | undefined): Promise<void> {
  const inputFile = input === undefined ? undefined : await stat(input).catch(() => undefined);
  for (const target of format === 'html' ? [out, htmlIntermediate(out)] : [out]) {
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw new UsageError(`--out: ${target} is a folder, not a file`);
    if (existing && inputFile && existing.dev === inputFile.dev && existing.ino === inputFile.ino)
      throw new UsageError(`--out: ${out} would overwrite the list given with --input`);
    try {
      await access(existing ? target : path.dirname(path.resolve(target)), constants.W_OK);
    } catch (error) {
      throw new UsageError(`--out: ${target} cannot be written (${errorCode(error)})`);
    }
  }
}
