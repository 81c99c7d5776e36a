/**
 * The CSP regions as the emulator, a stand-in for Microsoft, knows them: each provider
 * account belongs to one. Kept apart from the gateway's own list on purpose (the emulator
 * uses nothing of the gateway's); a test checks the two agree.
 */
export const EMULATED_REGIONS = [
  ...['AFRICA', 'ASIA_PACIFIC', 'AUSTRALIA', 'BRAZIL', 'CANADA', 'EUROPE', 'INDIA', 'JAPAN', 'KOREA'],
  ...['LATIN_AMERICA_AND_CARIBBEAN', 'MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE', 'NEW_ZEALAND', 'RUSSIA', 'TAIWAN', 'UNITED_STATES'],
] as const;

export type EmulatedRegion = (typeof EMULATED_REGIONS)[number];
