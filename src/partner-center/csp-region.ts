/**
 * The CSP regions a Microsoft Partner Agreement is accepted for (Microsoft's 2021 list).
 * A CSP tenant belongs to exactly one region; the provider account whose token makes a
 * call fixes the region an order is placed from.
 */
export const CSP_REGIONS = [
  'AFRICA',
  'ASIA_PACIFIC',
  'AUSTRALIA',
  'BRAZIL',
  'CANADA',
  'EUROPE',
  'INDIA',
  'JAPAN',
  'KOREA',
  'LATIN_AMERICA_AND_CARIBBEAN',
  'MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE',
  'NEW_ZEALAND',
  'RUSSIA',
  'TAIWAN',
  'UNITED_STATES',
] as const;

export type CspRegion = (typeof CSP_REGIONS)[number];

/** Display names, as Microsoft's region list spells them. */
export const CSP_REGION_NAMES: Readonly<Record<CspRegion, string>> = {
  AFRICA: 'Africa',
  ASIA_PACIFIC: 'Asia & Pacific',
  AUSTRALIA: 'Australia',
  BRAZIL: 'Brazil',
  CANADA: 'Canada',
  EUROPE: 'Europe',
  INDIA: 'India',
  JAPAN: 'Japan',
  KOREA: 'Korea',
  LATIN_AMERICA_AND_CARIBBEAN: 'Latin America & Caribbean',
  MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE: 'Middle East, Central & Eastern Europe',
  NEW_ZEALAND: 'New Zealand',
  RUSSIA: 'Russia',
  TAIWAN: 'Taiwan',
  UNITED_STATES: 'United States',
};

export function isCspRegion(value: unknown): value is CspRegion {
  return typeof value === 'string' && (CSP_REGIONS as readonly string[]).includes(value);
}

/** Letters only, lower case, `&` as "and": how region names written differently are compared. */
const regionKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z]/g, '');

const REGIONS_BY_KEY = new Map<string, CspRegion>(
  CSP_REGIONS.flatMap((region) => [
    [regionKey(region.replace(/_AND_/g, '_')), region] as const,
    [regionKey(region), region] as const,
    [regionKey(CSP_REGION_NAMES[region]), region] as const,
    [regionKey(CSP_REGION_NAMES[region].replace(/&/g, '')), region] as const,
  ]),
);

/**
 * The CSP region a text names, as this list or Microsoft's names spell it, in any letter case
 * and punctuation (`UNITED_STATES`, `United States`, `Asia & Pacific`, `asiapacific`);
 * undefined for anything else.
 */
export function cspRegionNamed(text: string): CspRegion | undefined {
  return REGIONS_BY_KEY.get(regionKey(text));
}
