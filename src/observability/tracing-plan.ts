import { readFileSync } from 'node:fs';
import { RESELLER_ID_DISCLOSURES, ResellerIdDisclosure } from '../config/observability-schema';
import { hasNoUrlCredentials } from '../config/url-credentials';

/** Whether and where traces go, read before anything else loads. */
export interface TracingPlan {
  /** The traces URL from `tracing.endpoint`; undefined leaves it to the standard `OTEL_*` variables. */
  readonly endpoint: string | undefined;
  readonly serviceName: string;
  readonly resellerIds: ResellerIdDisclosure;
}

/** The `tracing` block of the file named by MPA_CONFIG_FILE, when there is one; the full check comes later. */
function tracingBlockOfFile(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const file = env.MPA_CONFIG_FILE;
  if (!file) return {};
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { tracing?: unknown };
    return typeof raw.tracing === 'object' && raw.tracing !== null ? (raw.tracing as Record<string, unknown>) : {};
  } catch {
    return {}; // the configuration loader reports an unreadable file, naming it
  }
}

function isHttpUrl(text: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

/**
 * Whether tracing is on, from the same sources as the configuration (file, then environment)
 * and the standard OpenTelemetry variables: on with `tracing.endpoint` (MPA_TRACING_ENDPOINT),
 * `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER=otlp`;
 * off with none of them or with `OTEL_TRACES_EXPORTER=none` or `OTEL_SDK_DISABLED=true`.
 * Only reads: a bad value is left for the configuration loader to name.
 */
export function tracingPlan(env: NodeJS.ProcessEnv = process.env): TracingPlan | undefined {
  const block = tracingBlockOfFile(env);
  const exporterNames = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim().toLowerCase());
  if (exporterNames.includes('none') || (env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return undefined;
  const configured = env.MPA_TRACING_ENDPOINT || (typeof block.endpoint === 'string' ? block.endpoint : undefined);
  const standard = Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || exporterNames.includes('otlp'));
  if (!configured && !standard) return undefined;
  // A bad URL (or one holding credentials) starts nothing here: the configuration loader then stops the start, naming the key.
  if (configured && !(isHttpUrl(configured) && hasNoUrlCredentials(configured))) return undefined;
  const disclosure = env.MPA_TRACING_RESELLER_IDS || block.resellerIds;
  return {
    endpoint: configured || undefined,
    serviceName: env.OTEL_SERVICE_NAME || (typeof block.serviceName === 'string' ? block.serviceName : 'mpa-compliance-gateway'),
    resellerIds: RESELLER_ID_DISCLOSURES.includes(disclosure as ResellerIdDisclosure) ? (disclosure as ResellerIdDisclosure) : 'hashed',
  };
}
