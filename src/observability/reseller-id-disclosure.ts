import { createHash } from 'node:crypto';
import type { ResellerIdDisclosure } from '../config/observability-schema';

/** The disclosure in force for spans, set once at start from `tracing.resellerIds`. */
let current: ResellerIdDisclosure = 'hashed';

/** Sets how reseller identifiers appear in spans and decision records (from configuration, at start). */
export function setResellerIdDisclosure(disclosure: ResellerIdDisclosure): void {
  current = disclosure;
}

/** The disclosure in force. */
export function resellerIdDisclosure(): ResellerIdDisclosure {
  return current;
}

/**
 * A reseller identifier as configured: as it is, its SHA-256 (first 16 hex digits, enough to
 * match records about one reseller without naming it), or nothing.
 */
export function discloseResellerId(value: string, disclosure: ResellerIdDisclosure = current): string | undefined {
  switch (disclosure) {
    case 'plain':
      return value;
    case 'hashed':
      return createHash('sha256').update(value).digest('hex').slice(0, 16);
    case 'omitted':
      return undefined;
  }
}
