// First: tracing's instrumentations must load before undici, ioredis and pino.
import '../observability/tracing-bootstrap';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import pino from 'pino';
import { AuditTally } from '../audit/audit-tally';
import { runAudit } from '../audit/audit-run';
import { summaryLines, upstreamCost } from '../audit/audit-summary';
import { ResellerListError } from '../audit/input/input-line';
import { countNonBlankLines } from '../audit/input/line-count';
import { readResellerList } from '../audit/input/reseller-list';
import { AuditProgress, ProgressFigures } from '../audit/progress/audit-progress';
import { auditBudget } from '../audit/progress/audit-budget';
import { createLogProgress } from '../audit/progress/log-progress';
import { createTerminalProgress } from '../audit/progress/terminal-progress';
import { terminalText } from '../audit/progress/terminal-text';
import { ResumeError, sameListCheck } from '../audit/report/report-resume';
import { openReportWriter } from '../audit/report/report-writer';
import { StatusServices, configuredRegions, createStatusServices } from '../compose/status-services';
import { ConfigError, loadGatewayConfig } from '../config/gateway-config';
import { createGatewayLogger } from '../observability/gateway-logger';
import { redactText } from '../observability/log-redaction';
import { createGatewayMetrics } from '../observability/gateway-metrics';
import { AUDIT_USAGE, UsageError, parseAuditArguments } from './audit-arguments';
import { checkReportTarget } from './report-target';

/** What the command talks to; the process's own streams when run from the shell. */
export interface AuditCommandIo {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  /** Aborted on Ctrl-C: the run stops reading, finishes the lines under way and writes its report. */
  readonly signal?: AbortSignal;
}

const EXIT_USAGE = 64;
const EXIT_CONFIG = 78;
const EXIT_STOPPED = 130;

/** Whether the list is a regular file (its lines can be counted first) or something to read once; a UsageError when it cannot be read. */
async function inputKindOf(input: string): Promise<'file' | 'stream'> {
  let info;
  try {
    await access(input, constants.R_OK);
    info = await stat(input);
  } catch (error) {
    throw new UsageError(`--input: cannot read ${input} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (info.isDirectory()) throw new UsageError(`--input: ${input} is a folder, not a list`);
  return info.isFile() ? 'file' : 'stream';
}

/** `npm run audit`: returns the exit code. */
export async function auditCommand(io: AuditCommandIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`${terminalText(line)}\n`);
  let status: StatusServices | undefined;
  try {
    const args = parseAuditArguments(io.argv);
    if (args.help) {
      io.stdout.write(AUDIT_USAGE);
      return 0;
    }
    const config = loadGatewayConfig(io.env);
    const configured = configuredRegions(config);
    const missing = args.regions.find((region) => !configured.includes(region));
    if (missing)
      throw new UsageError(
        `--regions: ${missing} has no Partner Center account in this configuration; configured: ${configured.join(', ')}`,
      );
    if (args.input === undefined && io.stdin.isTTY) throw new UsageError('--input: give the list as a file, or pipe it on standard input');
    const inputKind = args.input === undefined ? undefined : await inputKindOf(args.input);
    if (args.out !== undefined) await checkReportTarget(args.out, args.format, args.input);

    const tally = new AuditTally(args.regions);
    const writer = await openReportWriter({
      format: args.format,
      out: args.out,
      resume: args.resume,
      stdout: io.stdout,
      regions: args.regions,
      locale: args.locale,
      tally,
    });
    const logger = createGatewayLogger({ level: io.env.LOG_LEVEL ?? 'warn', destination: pino.destination({ dest: 2, sync: true }) });
    const metrics = createGatewayMetrics({
      circuitStates: () => status?.services.checker.circuitStates() ?? new Map(),
      tokenProviders: [],
    });
    // Every call of the audit is bulk work: order forms on the same account go first.
    status = await createStatusServices({ config, logger, metrics, workClass: 'bulk' });
    // The partner-of-record check reads each region's reseller list: one fetch per account, not per line.
    status.startDirectories();
    if (status.sandbox)
      say(
        'audit: SANDBOX MODE: no Partner Center account is configured, so every answer comes from the built-in emulator and its test identifiers (docs/partner-center.md), not from Microsoft.',
      );

    const source = args.input === undefined ? io.stdin : createReadStream(args.input);
    io.signal?.addEventListener('abort', () => source.destroy());
    const list = await readResellerList(source, { maxLineBytes: args.maxLineBytes });
    const figures = new ProgressFigures(tally, () => auditBudget(status!.services.checker.capacities(), args.regions));
    const progress: AuditProgress = io.stderr.isTTY
      ? createTerminalProgress(figures, io.stderr)
      : createLogProgress(figures, say, args.logEveryMs);
    // Only a regular file can be read twice: a pipe (`--input <(…)`) is read once, with no total.
    const total = inputKind === 'file' ? Math.max(0, (await countNonBlankLines(args.input!)) - (list.format === 'csv' ? 1 : 0)) : undefined;
    const sameList = sameListCheck(writer.resumeFrom, writer.streamedTo ?? '');
    const startedAt = new Date();
    progress.start(tally.lines, total);
    let run: Awaited<ReturnType<typeof runAudit>>;
    try {
      run = await runAudit({
        lines: list.lines,
        regions: args.regions,
        locale: args.locale,
        services: status.services,
        skipThrough: writer.resumeFrom.throughLine,
        onRead: (input) => sameList.onRead(input),
        signal: io.signal,
        runId: `audit-${randomUUID().slice(0, 8)}`,
        onHold: (until) => progress.hold(until),
        write: async (records) => {
          await writer.write(records);
          tally.addLine(records);
          progress.update();
        },
      });
      if (!run.stopped) sameList.confirm();
    } finally {
      progress.stop();
    }
    const finishedAt = new Date();
    await writer.close({
      input: args.input ?? 'standard input',
      regions: args.regions,
      locale: args.locale,
      sandbox: status.sandbox,
      startedAt,
      finishedAt,
      stopped: run.stopped,
    });
    const exitCode = run.stopped ? EXIT_STOPPED : tally.exitCode();
    const summary = summaryLines({
      tally,
      regions: args.regions,
      linesChecked: run.linesChecked,
      seconds: (finishedAt.getTime() - startedAt.getTime()) / 1000,
      stopped: run.stopped,
      cost: await upstreamCost(metrics),
      concurrency: run.concurrency,
      location: writer.location,
      exitCode,
    });
    for (const line of summary) say(line);
    if (tally.lines === 0) say('audit: the list holds no reseller lines');
    return exitCode;
  } catch (error) {
    if (error instanceof UsageError) say(`audit: ${error.message}`);
    else if (error instanceof ResellerListError) say(`audit: --input: ${error.message}`);
    else if (error instanceof ResumeError) say(`audit: --resume: ${error.message}`);
    else if (error instanceof ConfigError) say(`audit: ${error.message}`);
    else throw error;
    return error instanceof ConfigError ? EXIT_CONFIG : EXIT_USAGE;
  } finally {
    await status?.close();
  }
}

if (require.main === module) {
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_STOPPED);
    process.stderr.write('\naudit: stopping: finishing the lines under way, then writing the report (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  auditCommand({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  }).then(
    (code) => {
      process.exitCode = code;
      // Whatever still holds the event loop (a slow Redis close) does not hold the exit.
      setTimeout(() => process.exit(code), 1_000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`${redactText(`audit failed: ${(error as Error).stack ?? String(error)}`)}\n`);
      process.exit(70);
    },
  );
}
