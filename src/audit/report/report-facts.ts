import { CspRegion } from '../../partner-center/csp-region';

/** What a report says about the run that made it. */
export interface ReportFacts {
  /** The list checked: its file name, or `standard input`. */
  readonly input: string;
  readonly regions: readonly CspRegion[];
  /** The locale of messages and guidance. */
  readonly locale: string;
  /** Whether the answers came from the built-in emulator rather than Partner Center. */
  readonly sandbox: boolean;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  /** Set when the run was stopped (Ctrl-C) before the end of the list: the report holds what was done. */
  readonly stopped: boolean;
}
