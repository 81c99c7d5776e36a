import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_LINE_BYTES } from '../audit/input/bounded-lines';
import { REPORT_FORMATS, ReportFormat } from '../audit/report/report-writer';
import { SUPPORTED_LOCALES, negotiateLocale } from '../guidance/guidance';
import { CSP_REGIONS, CspRegion, isCspRegion } from '../partner-center/csp-region';

export const AUDIT_USAGE = `Usage: npm run audit -- --regions <REGION>[,<REGION>...] [--input <file>] [--locale <tag>]
                         [--format csv|json|html] [--out <file>] [--resume] [--log-every <seconds>]

Checks every reseller of a list, for each region, exactly as the order form would, through
the gateway's own configuration, accounts, cache and limits (sandbox emulator when no
account is configured), and writes a report.

  --input      CSV with a header naming an mpnId and/or a tenantId column, or JSON lines
               ({"mpnId": "1234567"} per line). Default: standard input.
  --regions    CSP regions the orders come from, e.g. EUROPE,UNITED_STATES.
  --locale     Language of messages and guidance (${SUPPORTED_LOCALES.join(', ')}). Default: en-US.
  --format     csv (default), json (JSON lines) or html. Default from --out's extension.
  --out        Report file. Default: standard output (csv and json only).
  --resume     Keep the lines already in --out and check the rest of the list.
  --log-every  Seconds between progress lines when not on a terminal. Default: 10.
  --max-line-bytes  Longest line of the list read; a longer one is reported as bad input
               (a CSV header that long stops the audit). Default: 65536.

Exit codes: 0 every line may order, 1 some may not (or bad lines), 2 some could not be
checked, 64 bad usage, 78 bad configuration, 130 stopped by Ctrl-C (report written),
70 anything unexpected.
`;

/** A bad argument: one line naming it, and exit code 64. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface AuditArguments {
  readonly input: string | undefined;
  readonly regions: readonly CspRegion[];
  readonly locale: string;
  readonly format: ReportFormat;
  readonly out: string | undefined;
  readonly resume: boolean;
  readonly logEveryMs: number;
  /** Default `65_536`. Longest input line read, in bytes. */
  readonly maxLineBytes: number;
  readonly help: boolean;
}

const OPTIONS = {
  input: { type: 'string' },
  regions: { type: 'string' },
  locale: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  resume: { type: 'boolean' },
  'log-every': { type: 'string' },
  'max-line-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** parseArgs' own messages are long; this names the argument in a line. */
function parseError(error: Error & { code?: string }): UsageError {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`${option ?? 'an option'} is not an option of the audit (see --help)`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`${option ?? 'an option'} needs a value`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(`unexpected argument ${/'([^']*)'/.exec(error.message)?.[1] ?? ''}: give the list with --input`);
    default:
      return new UsageError(error.message);
  }
}

function regionsOf(text: string | undefined): CspRegion[] {
  if (!text) throw new UsageError(`--regions is required, e.g. --regions EUROPE,UNITED_STATES (one or more of ${CSP_REGIONS.join(', ')})`);
  const regions = text
    .split(',')
    .map((part) =>
      part
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_'),
    )
    .filter((part) => part !== '');
  const bad = regions.find((region) => !isCspRegion(region));
  if (bad !== undefined) throw new UsageError(`--regions: ${bad} is not a CSP region; use ${CSP_REGIONS.join(', ')}`);
  if (regions.length === 0) throw new UsageError('--regions names no region');
  return [...new Set(regions as CspRegion[])];
}

function localeOf(text: string | undefined): string {
  if (text === undefined) return 'en-US';
  const chosen = negotiateLocale(text);
  // negotiateLocale falls back on en-US; a command says so instead of switching language silently.
  if (chosen.split('-')[0].toLowerCase() !== text.split('-')[0].toLowerCase()) {
    throw new UsageError(`--locale: ${text} is not available; use ${SUPPORTED_LOCALES.join(' or ')}`);
  }
  return chosen;
}

function formatOf(text: string | undefined, out: string | undefined): ReportFormat {
  if (text !== undefined) {
    if (!(REPORT_FORMATS as readonly string[]).includes(text))
      throw new UsageError(`--format: ${text} is not a report format; use csv, json or html`);
    return text as ReportFormat;
  }
  if (out && /\.html?$/i.test(out)) return 'html';
  if (out && /\.(json|jsonl|ndjson)$/i.test(out)) return 'json';
  return 'csv';
}

/** The audit's arguments, checked; a UsageError naming the first bad one. */
export function parseAuditArguments(argv: readonly string[]): AuditArguments {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw parseError(error as Error);
  }
  if (values.help)
    return {
      input: undefined,
      regions: [],
      locale: 'en-US',
      format: 'csv',
      out: undefined,
      resume: false,
      logEveryMs: 10_000,
      maxLineBytes: DEFAULT_MAX_LINE_BYTES,
      help: true,
    };
  const out = values.out === '' ? undefined : values.out;
  const format = formatOf(values.format, out);
  if (format === 'html' && out === undefined) throw new UsageError('--out: the html report needs a file, e.g. --out report.html');
  if (values.resume && out === undefined) throw new UsageError('--resume needs --out: the report to resume');
  const input = values.input === undefined || values.input === '-' ? undefined : values.input;
  if (input !== undefined && out !== undefined && [out, `${out}.jsonl`].some((file) => path.resolve(file) === path.resolve(input))) {
    throw new UsageError(`--out: ${out} would overwrite the list given with --input`);
  }
  const logEvery = values['log-every'] === undefined ? 10 : Number(values['log-every']);
  if (!Number.isFinite(logEvery) || logEvery <= 0)
    throw new UsageError(`--log-every: ${values['log-every']} is not a number of seconds above 0`);
  const maxLineBytes = values['max-line-bytes'] === undefined ? DEFAULT_MAX_LINE_BYTES : Number(values['max-line-bytes']);
  if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 64)
    throw new UsageError(`--max-line-bytes: ${values['max-line-bytes']} is not a whole number of bytes of at least 64`);
  return {
    input,
    regions: regionsOf(values.regions),
    locale: localeOf(values.locale),
    format,
    out,
    resume: values.resume === true,
    logEveryMs: Math.round(logEvery * 1000),
    maxLineBytes,
    help: false,
  };
}
