import pino, { DestinationStream, Logger } from 'pino';

/**
 * Paths pino blanks in every line: credentials in any form they could take in an object
 * we log (headers, configuration, msal results).
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.authorization',
  '*.refreshToken',
  '*.refresh_token',
  '*.accessToken',
  '*.access_token',
  '*.clientSecret',
  '*.client_secret',
  '*.staticToken',
  '*.token',
  '*.password',
  'refreshToken',
  'accessToken',
  'clientSecret',
  'token',
];

/** The gateway's structured logger: JSON lines, secrets blanked. */
export function createGatewayLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    { name: 'mpa-gateway', level: options.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    options.destination,
  );
}
