import { CspRegion } from '../partner-center/csp-region';
import { OutcomeKind } from '../partner-center/outcome/outcome';

/** What the relationship check can find, each explained on its own. */
export type RelationshipGuidanceKey =
  | 'relationshipActive'
  | 'relationshipMissing'
  | 'relationshipNotActive'
  | 'relationshipUnknown'
  /** Let through without the relationship check while the directory cannot be had (fail-open policy). */
  | 'relationshipUnverified';

/** What the partner-of-record check (Microsoft's validateresellers verdict) can find, each explained on its own. */
export type PartnerOfRecordGuidanceKey =
  | 'porValid'
  /** Microsoft's documented code 900400. */
  | 'porNotValid'
  /** Not valid with a code Microsoft does not document. */
  | 'porUndocumentedCode'
  | 'porUnavailable'
  | 'porUnrecognized'
  /** A tenant ID whose partner ID the region's reseller list does not give. */
  | 'porNoPartnerId'
  /** Let through without the verdict while Partner Center cannot give it (fail-open policy). */
  | 'porUnverified';

/**
 * Everything guidance is written for: each outcome kind, a region with no account, an order
 * let through unverified while Partner Center cannot answer (fail-open policy), and what the
 * relationship check finds.
 */
export type GuidanceKey =
  OutcomeKind | 'regionNotConfigured' | 'submittedUnverified' | RelationshipGuidanceKey | PartnerOfRecordGuidanceKey;

/**
 * One outcome explained to the partner at the order form. Texts may hold placeholders:
 * `{identifier}` (the reseller's identifier as given), `{labelledIdentifier}` (the same with
 * its kind: "MPN ID 1234567", "tenant ID 0a1b…"), `{region}`, `{resellerRegion}`, `{retryAfter}`,
 * `{state}` (a relationship's state as Partner Center lists it).
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

/** One text per plural category of a number (`one`, `few`, `many`, …); `other` covers the rest. */
export type PluralMessages = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

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
  /**
   * `{labelledIdentifier}`: how each kind of identifier is named, `{value}` being the identifier.
   * A tenant ID is never called an MPN ID, nor the reverse.
   */
  readonly identifierLabels: { readonly mpnId: string; readonly tenantId: string };
  /**
   * `{retryAfter}` when the wait is known, by the locale's plural category of the number
   * (`Intl.PluralRules`); `{n}` is the number of seconds. `other` is required.
   */
  readonly waitSeconds: PluralMessages;
  /** `{retryAfter}` when Partner Center did not say how long to wait. */
  readonly unknownWait: string;
}
