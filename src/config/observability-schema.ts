import { z } from 'zod';
import { urlWithoutCredentials } from './url-credentials';

/** How a reseller's identifier appears in traces and decision records. */
export const RESELLER_ID_DISCLOSURES = ['plain', 'hashed', 'omitted'] as const;
export type ResellerIdDisclosure = (typeof RESELLER_ID_DISCLOSURES)[number];

/** OpenTelemetry traces, exported over OTLP/HTTP. Off unless an endpoint is set here or in the standard `OTEL_*` variables. */
export const tracingSettings = z
  .object({
    /**
     * Default none (tracing off, unless `OTEL_EXPORTER_OTLP_ENDPOINT`,
     * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` or `OTEL_TRACES_EXPORTER=otlp` is set). The OTLP/HTTP
     * traces URL, e.g. `http://collector:4318/v1/traces`.
     */
    endpoint: urlWithoutCredentials(/^https?$/, 'must be an http:// or https:// URL', 'tracing.endpoint').optional(),
    /** Default `'mpa-compliance-gateway'` (or `OTEL_SERVICE_NAME`). The `service.name` of every span. */
    serviceName: z.string().min(1).optional(),
    /** Default `'hashed'` (SHA-256, first 16 hex digits). How reseller identifiers appear in spans and decision records. */
    resellerIds: z.enum(RESELLER_ID_DISCLOSURES).default('hashed'),
  })
  .strict()
  .prefault({});

/** One record per decided order line, through its own logger. */
export const decisionLogSettings = z
  .object({
    /** Default `'off'`. `'stdout'`, or the path of a file the records are appended to. */
    destination: z.string().min(1).default('off'),
  })
  .strict()
  .prefault({});
