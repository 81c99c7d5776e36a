import { ConfigError, ConfigSourceOf, GatewayConfig } from '../config/gateway-config';
import { redactText } from '../observability/log-redaction';
import { TokenCacheProblem } from '../partner-center/auth/token-cache-store';
import { SandboxConflictError } from './sandbox';

/** What the start script knows when something fails: the configuration, once it was read. */
export interface StartupFacts {
  readonly config?: GatewayConfig;
  readonly sourceOf?: ConfigSourceOf;
}

interface ListenError extends NodeJS.ErrnoException {
  readonly address?: string;
  readonly port?: number;
}

const isListenError = (error: unknown): error is ListenError =>
  error instanceof Error && (error as ListenError).syscall === 'listen' && typeof (error as ListenError).code === 'string';

/** The configured key a port or host came from, with its source: `port, from the environment variable PORT`. */
function origin(facts: StartupFacts, candidates: ReadonlyArray<[key: string, value: unknown]>, value: unknown): string {
  const match = candidates.find(([, candidate]) => candidate === value);
  if (!match) return '';
  return ` (${match[0]}, from ${facts.sourceOf?.(match[0]) ?? 'the configuration'})`;
}

function describeListenError(error: ListenError, facts: StartupFacts): string | undefined {
  const where = error.address ?? facts.config?.host ?? 'its address';
  const ports: Array<[string, unknown]> = facts.config
    ? [
        ['port', facts.config.port],
        ['emulatorPort', facts.config.emulatorPort],
        ['http.operatorPort', facts.config.http.operatorPort ?? (facts.config.port === 0 ? 0 : facts.config.port + 1)],
      ]
    : [];
  switch (error.code) {
    case 'EADDRINUSE':
      return `Cannot start: port ${error.port} on ${where} is already in use${origin(facts, ports, error.port)}; stop what uses it or choose another port.`;
    case 'EACCES':
      return `Cannot start: port ${error.port} on ${where} needs privileges this process does not have${origin(facts, ports, error.port)}; choose a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `Cannot start: ${where} is not an address of this machine${origin(facts, facts.config ? [['host', facts.config.host]] : [], where)}; use 127.0.0.1, 0.0.0.0 or one of its own addresses.`;
    default:
      return undefined;
  }
}

/**
 * Why the gateway did not start, for the operator: one line naming the setting and where it
 * came from for what configuration can fix; the stack only for what nobody expected.
 */
export function describeStartupFailure(error: unknown, facts: StartupFacts = {}): string {
  if (error instanceof SandboxConflictError && facts.sourceOf) return error.describe(facts.sourceOf);
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TokenCacheProblem) return error.message;
  if (isListenError(error)) {
    const line = describeListenError(error, facts);
    if (line) return line;
  }
  // An unexpected error may quote a URL with its credentials (a Redis URL): never print them.
  return redactText(`gateway failed to start: ${(error as Error)?.stack ?? String(error)}`);
}
