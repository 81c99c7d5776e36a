import { readdirSync } from 'node:fs';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { CspRegion } from '../partner-center/csp-region';
import { GuidanceCatalogue, GuidanceKey, PluralMessages } from './guidance-catalogue';
import { OUTCOME_KINDS, OUTCOME_KIND_FACTS, OutcomeKind } from '../partner-center/outcome/outcome-kinds';

export const DEFAULT_LOCALE = 'en-US';

/** Whether, once the partner has acted, Microsoft may take a while to show it: per outcome kind (from the outcome table), and for the other keys. */
export const MAY_TAKE_TIME_TO_UPDATE: Readonly<Record<GuidanceKey, boolean>> = {
  regionNotConfigured: false,
  submittedUnverified: false,
  relationshipActive: false,
  // The directory shows a newly accepted or reactivated relationship at its next refresh.
  relationshipMissing: true,
  relationshipNotActive: true,
  relationshipUnknown: false,
  relationshipUnverified: false,
  porValid: false,
  // Microsoft's records can take a while to show a reinstated or newly authorized PLA ID.
  porNotValid: true,
  porUndocumentedCode: true,
  porUnavailable: false,
  porUnrecognized: false,
  porNoPartnerId: true,
  porUnverified: false,
  ...(Object.fromEntries(OUTCOME_KINDS.map((kind) => [kind, OUTCOME_KIND_FACTS[kind].mayTakeTimeToUpdate])) as Record<
    OutcomeKind,
    boolean
  >),
};

/** Values for the placeholders of a guidance text. */
export interface GuidanceValues {
  readonly mpnId?: string;
  readonly tenantId?: string;
  readonly region: CspRegion;
  /** The reseller's own region when known (region mismatch). */
  readonly resellerRegion?: CspRegion;
  readonly retryAfterSeconds?: number;
  /** A relationship's state, verbatim (relationship not active). */
  readonly relationshipState?: string;
}

export interface RenderedGuidance {
  readonly locale: string;
  readonly message: string;
  readonly headline: string;
  readonly whatItMeans: string;
  readonly actions: readonly string[];
  readonly mayTakeTimeToUpdate: boolean;
}

function loadCatalogues(): ReadonlyMap<string, GuidanceCatalogue> {
  const folder = path.join(__dirname, 'locales');
  const catalogues = new Map<string, GuidanceCatalogue>();
  for (const file of readdirSync(folder).sort()) {
    if (!/\.(ts|js)$/.test(file) || file.endsWith('.d.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const catalogue = (require(path.join(folder, file)) as { default: GuidanceCatalogue }).default;
    if (!catalogue?.locale || !catalogue.guidance) throw new Error(`guidance locale file ${file} exports no catalogue`);
    catalogues.set(catalogue.locale, catalogue);
  }
  if (!catalogues.has(DEFAULT_LOCALE)) throw new Error(`guidance needs the ${DEFAULT_LOCALE} catalogue`);
  return catalogues;
}

/** Every locale found in `locales/`, by tag. */
export const CATALOGUES = loadCatalogues();
export const SUPPORTED_LOCALES: readonly string[] = [...CATALOGUES.keys()];

function byPrimaryLanguage(tag: string): string | undefined {
  const language = tag.toLowerCase().split('-')[0];
  return SUPPORTED_LOCALES.find((locale) => locale.toLowerCase().split('-')[0] === language);
}

/**
 * The locale to answer in: an explicit `requested` tag first, then the `Accept-Language`
 * header, each matched exactly and then by language (`pt-BR` → `pt-PT`); else en-US.
 */
export function negotiateLocale(requested?: string | null, acceptLanguage?: string | null): string {
  const key = `${requested ?? ''}|${acceptLanguage ?? ''}`;
  let locale = negotiated.get(key);
  if (locale === undefined) {
    locale = negotiate(requested, acceptLanguage);
    if (key.length <= 512) negotiated.set(key, locale);
  }
  return locale;
}

const negotiated = new LRUCache<string, string>({ max: 1_000 });

function negotiate(requested?: string | null, acceptLanguage?: string | null): string {
  if (requested) {
    const exact = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === requested.toLowerCase());
    const match = exact ?? byPrimaryLanguage(requested);
    if (match) return match;
  }
  if (acceptLanguage) {
    const negotiator = new Negotiator({ headers: { 'accept-language': acceptLanguage } });
    const preferred = negotiator.languages();
    for (const tag of preferred) {
      if (tag === '*') return DEFAULT_LOCALE;
      const match = SUPPORTED_LOCALES.find((locale) => locale.toLowerCase() === tag.toLowerCase()) ?? byPrimaryLanguage(tag);
      if (match) return match;
    }
  }
  return DEFAULT_LOCALE;
}

/**
 * Each catalogue text split once at its placeholders: literal, name, literal, …, literal.
 * Every status message is filled on every request, and a replace with a callback costs
 * several times this walk. Only catalogue texts are filled, so the map stays small.
 */
const compiledTemplates = new Map<string, readonly string[]>();

/** Replaces each `{name}` in a text by its value; a name without one stays as written. */
function fill(template: string, valueOf: (name: string) => string | undefined): string {
  let parts = compiledTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    compiledTemplates.set(template, parts);
  }
  let text = parts[0];
  for (let i = 1; i < parts.length; i += 2) text += (valueOf(parts[i]) ?? `{${parts[i]}}`) + parts[i + 1];
  return text;
}

const catalogueFor = (locale: string): GuidanceCatalogue => CATALOGUES.get(locale) ?? (CATALOGUES.get(DEFAULT_LOCALE) as GuidanceCatalogue);

/** Each catalogue's plural rules, made once: "1 second", "0 seconds", "1 segundo". */
const PLURAL_RULES = new Map([...CATALOGUES.keys()].map((locale) => [locale, new Intl.PluralRules(locale)]));

function plural(catalogue: GuidanceCatalogue, messages: PluralMessages, n: number): string {
  const category = PLURAL_RULES.get(catalogue.locale)?.select(n) ?? 'other';
  return fill(messages[category] ?? messages.other, (name) => (name === 'n' ? String(n) : undefined));
}

/** Fills a text's placeholders; each value is worked out only if the text uses it. */
function fillerFor(catalogue: GuidanceCatalogue, values: GuidanceValues): (template: string) => string {
  const identifier = values.mpnId ?? values.tenantId ?? '';
  const valueOf = (name: string): string | undefined => {
    switch (name) {
      case 'region':
        return catalogue.regionNames[values.region];
      case 'resellerRegion': {
        const own = values.resellerRegion;
        return own
          ? fill(catalogue.resellerRegion.known, (inner) => (inner === 'name' ? catalogue.regionNames[own] : undefined))
          : catalogue.resellerRegion.unknown;
      }
      case 'retryAfter':
        return values.retryAfterSeconds === undefined
          ? catalogue.unknownWait
          : plural(catalogue, catalogue.waitSeconds, values.retryAfterSeconds);
      case 'identifier':
        return identifier;
      case 'state':
        return values.relationshipState ?? '';
      case 'labelledIdentifier': {
        const label =
          values.mpnId !== undefined
            ? catalogue.identifierLabels.mpnId
            : values.tenantId !== undefined
              ? catalogue.identifierLabels.tenantId
              : '{value}';
        return fill(label, (inner) => (inner === 'value' ? identifier : undefined));
      }
      default:
        return undefined;
    }
  };
  return (template) => fill(template, valueOf);
}

/** The guidance for one outcome, in one locale, with its placeholders filled. */
export function renderGuidance(key: GuidanceKey, locale: string, values: GuidanceValues): RenderedGuidance {
  const catalogue = catalogueFor(locale);
  const text = catalogue.guidance[key];
  const filled = fillerFor(catalogue, values);
  return {
    locale: catalogue.locale,
    message: filled(text.message),
    headline: filled(text.headline),
    whatItMeans: filled(text.whatItMeans),
    actions: text.actions.map(filled),
    mayTakeTimeToUpdate: MAY_TAKE_TIME_TO_UPDATE[key],
  };
}

/** Only the one-line message of `renderGuidance`: what every status carries. */
export function renderGuidanceMessage(key: GuidanceKey, locale: string, values: GuidanceValues): string {
  const catalogue = catalogueFor(locale);
  return fillerFor(catalogue, values)(catalogue.guidance[key].message);
}
