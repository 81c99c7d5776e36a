import type { MpaStatusFieldsFragment } from './generated/graphql';

/** What an order form shows for one status: a tone and a line of text. */
export interface StatusView {
  readonly tone: 'ok' | 'action' | 'wait' | 'error';
  readonly text: string;
}

function assertNever(value: never): never {
  throw new Error(`unhandled MpaStatus member ${JSON.stringify(value)}`);
}

/**
 * A client switching exhaustively on `__typename`: a new union member in schema.graphql,
 * after `npm run codegen`, stops this from compiling until it is handled.
 */
export function viewOf(status: MpaStatusFieldsFragment): StatusView {
  switch (status.__typename) {
    case 'MpaSigned':
      return { tone: 'ok', text: status.message };
    case 'MpaNotSigned':
    case 'MpaNotIndirectReseller':
    case 'MpaMpnIdNotRecognized':
    case 'MpaTenantNotFound':
    case 'MpaTenantNotSigned':
      return { tone: 'action', text: status.message };
    case 'MpaCspRegionMismatch':
      return { tone: 'action', text: `${status.message} (${status.resellerRegion ?? 'unknown region'})` };
    case 'MpaInvalidResellerId':
      return { tone: 'action', text: `${status.message} [${status.problem}]` };
    case 'MpaRegionNotConfigured':
      return { tone: 'error', text: `${status.message} Available: ${status.configuredRegions.join(', ')}` };
    case 'MpaPartnerCenterUnavailable':
      return { tone: 'wait', text: status.retryAfterSeconds ? `${status.message} (${status.retryAfterSeconds}s)` : status.message };
    case 'MpaUnrecognizedAnswer':
      return { tone: 'error', text: `${status.message} (code ${status.code ?? '?'})` };
    default:
      return assertNever(status);
  }
}
