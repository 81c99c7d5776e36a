import { trace } from '@opentelemetry/api';
import pino, { Logger } from 'pino';
import type { ResellerIdDisclosure } from '../config/observability-schema';
import type { EligibilityCheck } from '../eligibility/eligibility-check';
import type { FailPolicyName } from '../eligibility/fail-policy';
import { checkModeName } from '../eligibility/check-mode';
import { assertNever } from '../partner-center/outcome/outcome';
import type { AnswerSource } from '../partner-center/status-checker';
import { ConfigError } from '../config/gateway-config';
import { redactLogLine } from './log-redaction';
import { discloseResellerId } from './reseller-id-disclosure';

/** Where the decision records go (`decisionLog.destination`): `'off'`, `'stdout'`, or the path of a file appended to. */
export type DecisionLogDestination = string;

export interface DecisionLogOptions {
  /** Default `'off'`. */
  readonly destination?: DecisionLogDestination;
  /** Default `'hashed'`. How the line's reseller identifier is written. */
  readonly resellerIds?: ResellerIdDisclosure;
  /** Default none. A stream of your own instead of `destination` (tests). */
  readonly stream?: pino.DestinationStream;
}

/** Which operation decided the line, and for whom. */
export interface DecisionVia {
  /** The GraphQL operation's name, or null for an anonymous one; `'audit'` for the audit CLI. */
  readonly operation: string | null;
  /** The field that asked: orderEligibility, orderEligibilities, recheckMpaStatus, Reseller.orderEligibility, audit. */
  readonly field: string;
}

/** What a record shows of a check's answer: its member, when it was had, and Partner Center's id. */
interface RecordedAnswer {
  readonly value: { readonly __typename: string; readonly checkedAt: Date | null; readonly correlationId?: string | null };
  /** Where the answer was read from: a fresh call, the shared cache or this replica's; none for a list or nothing asked. */
  readonly source?: AnswerSource;
}

/** A judged check as the record reads it. */
export type RecordedCheck = EligibilityCheck<{ agreement: RecordedAnswer; relationship: RecordedAnswer; partnerOfRecord: RecordedAnswer }>;

/** One order line as decided: what the record is made from. */
export interface OrderLineDecision {
  readonly via: DecisionVia;
  readonly client: string;
  readonly lineId: string | null;
  /** Null when the line named no usable identifier. */
  readonly identifier: { readonly kind: string; readonly value: string } | null;
  readonly region: string;
  readonly recheck: boolean;
  /** When the line's decision started (epoch ms): answers older than this were not asked for it. */
  readonly startedAt: number;
  readonly checks: readonly RecordedCheck[];
  readonly failPolicy: FailPolicyName;
  readonly canSubmit: boolean;
  readonly verified: boolean;
  readonly retryable: boolean;
  /** The gateway request's id (X-Request-Id). */
  readonly requestId: string;
}

/** A forced refresh of a region's reseller list, as asked by a client. */
export interface DirectoryRefreshDecision {
  readonly via: DecisionVia;
  readonly client: string;
  readonly region: string;
  readonly refreshing: boolean;
  readonly fetchedAt: Date | null;
  readonly requestId: string;
}

/** An order line's record as written, without who asked and when: what a response served again is recorded with. */
export interface WrittenOrderLine {
  readonly via: DecisionVia;
  readonly line: {
    readonly lineId: string | null;
    readonly identifierKind: string | null;
    readonly identifier: string | null;
    readonly region: string;
  };
  readonly recheck: boolean;
  readonly checks: ReadonlyArray<ReturnType<typeof checkRecord>>;
  readonly failPolicy: FailPolicyName;
  readonly canSubmit: boolean;
  readonly verified: boolean;
  readonly retryable: boolean;
}

/** A response served again from the response micro-cache: who it was served to, and how old it was. */
export interface ServedAgain {
  readonly client: string;
  /** This request's id (X-Request-Id). */
  readonly requestId: string;
  /** Milliseconds since the response was kept. */
  readonly ageMs: number;
}

/** Writes one record per decided order line (and per forced directory refresh). */
export interface DecisionLog {
  /** Writes the line's record; returns what was written, for a response that may be served again. */
  orderLine(decision: OrderLineDecision): WrittenOrderLine;
  /** Writes each line's record again for a response served from the response micro-cache, as asked by this request. */
  servedAgain(lines: readonly WrittenOrderLine[], served: ServedAgain): void;
  directoryRefresh(decision: DirectoryRefreshDecision): void;
  /** Writes what is buffered. */
  flush(): void;
}

/** The source of an answer the gateway made itself, without a Partner Center call. */
const NO_CALL = "no call (the gateway's own answer)";

/**
 * What a check rested on: a call made for this line, the cache every replica shares (Redis),
 * this replica's own cache, or a reseller list, with the answer's age; or no call at all, for an
 * answer the gateway made itself (out of time, over a budget).
 */
function sourceOf(
  checkedAt: Date | null,
  startedAt: number,
  kind: 'answer' | 'list',
  recheck: boolean,
  source?: AnswerSource,
): string | null {
  if (checkedAt === null) return null;
  const ageSeconds = Math.max(0, Math.round((startedAt - checkedAt.getTime()) / 1000));
  if (kind === 'list') return `list, age ${ageSeconds}s`;
  const fresh = recheck ? 'fresh call (recheck)' : 'fresh call';
  switch (source) {
    case 'fresh':
      return fresh;
    case 'sharedCache':
      return `shared cache, age ${ageSeconds}s`;
    case 'replicaCache':
      return `this replica's cache, age ${ageSeconds}s`;
    case undefined:
      // Named by no cache: an answer the gateway made itself without asking (out of time or over a budget).
      return checkedAt.getTime() >= startedAt ? NO_CALL : `cache, age ${ageSeconds}s`;
    default:
      return assertNever(source);
  }
}

/** One check as the record shows it: its mode, the answer's member, what it rested on, and Partner Center's id. */
function checkRecord(check: RecordedCheck, startedAt: number, recheck: boolean) {
  const common = { mode: checkModeName(check.mode), passed: check.passed, verified: check.verified, blocksSubmit: check.blocksSubmit };
  const answer = check.answer.value;
  switch (check.kind) {
    case 'agreement':
      return {
        check: 'agreement',
        ...common,
        answer: answer.__typename,
        source: sourceOf(answer.checkedAt, startedAt, 'answer', recheck, check.answer.source),
        correlationId: answer.correlationId ?? null,
      };
    case 'relationship':
      return {
        check: 'relationship',
        ...common,
        answer: answer.__typename,
        source: sourceOf(answer.checkedAt, startedAt, 'list', recheck),
        correlationId: null,
      };
    case 'partnerOfRecord':
      return {
        check: 'partnerOfRecord',
        ...common,
        answer: answer.__typename,
        source: sourceOf(answer.checkedAt, startedAt, 'answer', recheck, check.answer.source),
        correlationId: answer.correlationId ?? null,
      };
    default:
      return assertNever(check);
  }
}

/** The trace the decision was made in, when tracing is on. */
function traceIdNow(): string | null {
  const span = trace.getActiveSpan();
  return span?.isRecording() ? span.spanContext().traceId : null;
}

/** The file records are appended to, opened now: one that cannot be written stops the start, naming the key. */
function openFile(file: string): pino.DestinationStream {
  try {
    return pino.destination({ dest: file, append: true, mkdir: true, sync: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new ConfigError(
      `Invalid configuration: decisionLog.destination ${JSON.stringify(file)} cannot be opened for writing (${typeof code === 'string' ? code : 'error'}).`,
    );
  }
}

/**
 * The decision log, or undefined when it is off. Records go through their own pino logger
 * (ISO times, credentials blanked like every log line), never through the gateway's log.
 */
export function createDecisionLog(options: DecisionLogOptions = {}): DecisionLog | undefined {
  const destination = options.destination ?? 'off';
  if (destination === 'off' && !options.stream) return undefined;
  const disclosure = options.resellerIds ?? 'hashed';
  const stream = options.stream ?? (destination === 'stdout' ? pino.destination({ dest: 1, sync: true }) : openFile(destination));
  const logger: Logger = pino(
    {
      name: 'mpa-decisions',
      level: 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: redactLogLine },
    },
    stream,
  );
  const common = (via: DecisionVia, client: string, requestId: string) => ({
    decision: via.field === 'refreshResellerDirectory' ? 'directoryRefresh' : 'orderLine',
    client,
    operation: via.operation,
    field: via.field,
    requestId,
    traceId: traceIdNow(),
  });
  const writeOrderLine = (client: string, requestId: string, { via, ...written }: WrittenOrderLine) =>
    logger.info({ ...common(via, client, requestId), ...written }, 'order line decided');
  return {
    orderLine(decision) {
      const written: WrittenOrderLine = {
        via: decision.via,
        line: {
          lineId: decision.lineId,
          identifierKind: decision.identifier?.kind ?? null,
          identifier: decision.identifier ? (discloseResellerId(decision.identifier.value, disclosure) ?? null) : null,
          region: decision.region,
        },
        recheck: decision.recheck,
        checks: decision.checks.map((check) => checkRecord(check, decision.startedAt, decision.recheck)),
        failPolicy: decision.failPolicy,
        canSubmit: decision.canSubmit,
        verified: decision.verified,
        retryable: decision.retryable,
      };
      writeOrderLine(decision.client, decision.requestId, written);
      return written;
    },
    servedAgain(lines, served) {
      // Every check rested on the kept response; the first record (same correlation ids) says what that rested on.
      const source = `response micro-cache, age ${Math.max(0, Math.round(served.ageMs))} ms`;
      for (const line of lines) {
        writeOrderLine(served.client, served.requestId, { ...line, checks: line.checks.map((check) => ({ ...check, source })) });
      }
    },
    directoryRefresh(decision) {
      logger.info(
        {
          ...common(decision.via, decision.client, decision.requestId),
          region: decision.region,
          refreshing: decision.refreshing,
          fetchedAt: decision.fetchedAt?.toISOString() ?? null,
        },
        'reseller list refresh forced',
      );
    },
    flush() {
      logger.flush();
    },
  };
}
