import pino, { DestinationStream, Logger } from 'pino';
import { redactLogLine } from './log-redaction';

/**
 * The gateway's structured logger: JSON lines, with credentials blanked in every line at any
 * depth and in any case (headers, configuration, msal results, an error's command arguments,
 * URL credentials), after every serializer has run, so child loggers (Fastify's) are covered.
 */
export function createGatewayLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { name: 'mpa-gateway', level: options.level ?? process.env.LOG_LEVEL ?? 'info', hooks: { streamWrite: redactLogLine } },
    options.destination,
  );
}
