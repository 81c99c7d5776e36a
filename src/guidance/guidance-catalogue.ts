import { CspRegion } from '../partner-center/csp-region';
import { OutcomeKind } from '../partner-center/outcome';

/**
 * Everything guidance is written for: each outcome kind, a region with no account, and an
 * order let through unverified while Partner Center cannot answer (fail-open policy).
 */
export type GuidanceKey = OutcomeKind | 'regionNotConfigured' | 'submittedUnverified';

/**
 * One outcome explained to the partner at the order form. Texts may hold placeholders:
 * `{mpnId}`, `{tenantId}`, `{identifier}`, `{region}`, `{resellerRegion}`, `{retryAfter}`.
 */
export interface GuidanceText {
  /** One sentence for the status itself (`message` on every MpaStatus member). */
  readonly message: string;
  /** A short title for the order form. */
  readonly headline: string;
  readonly whatItMeans: string;
  /** Steps, in order. */
  readonly actions: readonly string[];
}

/** A locale's texts. Adding a locale means adding one file in `locales/` that exports one of these. */
export interface GuidanceCatalogue {
  /** BCP 47 tag, e.g. `en-US`. */
  readonly locale: string;
  readonly regionNames: Readonly<Record<CspRegion, string>>;
  readonly guidance: Readonly<Record<GuidanceKey, GuidanceText>>;
  /**
   * `{resellerRegion}` as a phrase: `known` holds `{name}` (a region name), `unknown` is used
   * when the reseller's region could not be found.
   */
  readonly resellerRegion: { readonly known: string; readonly unknown: string };
  /** `{retryAfter}` when the wait is known; `{n}` is the number of seconds. */
  readonly waitSeconds: string;
  /** `{retryAfter}` when Partner Center did not say how long to wait. */
  readonly unknownWait: string;
}
