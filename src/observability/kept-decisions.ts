import type { DecisionLog, WrittenOrderLine } from './decision-log';

/** A request's way to the decision log that also keeps the order-line records it wrote. */
export interface KeptDecisions extends DecisionLog {
  /** The order-line records written through this one so far, in the order written. */
  kept(): readonly WrittenOrderLine[];
}

/**
 * Writes through to `log` and keeps each order line's record, so a response kept by the
 * response micro-cache carries the decisions it answers and a client it is served to again
 * gets its own records.
 */
export function keepingDecisions(log: DecisionLog): KeptDecisions {
  const written: WrittenOrderLine[] = [];
  return {
    orderLine(decision) {
      const record = log.orderLine(decision);
      written.push(record);
      return record;
    },
    servedAgain: (lines, served) => log.servedAgain(lines, served),
    directoryRefresh: (decision) => log.directoryRefresh(decision),
    flush: () => log.flush(),
    kept: () => written,
  };
}
