import { EMULATED_REGIONS, EmulatedRegion } from '../emulated-regions';
import { EmulatedReseller } from './emulated-world';

/**
 * A test reseller accepting (or withdrawing) the Microsoft Partner Agreement for one CSP
 * region, so a demo or a test can show "check again" turning an order form green.
 */
export interface AgreementChange {
  /** Required. The region the agreement is accepted (or withdrawn) for. */
  readonly region: EmulatedRegion;
  /** Required. True: accepted; false: not accepted. */
  readonly signed: boolean;
}

const EXAMPLE = '{"region": "UNITED_STATES", "signed": true}';
const REGIONS_TEXT = `${EMULATED_REGIONS[0]}, ${EMULATED_REGIONS[1]}, …, ${EMULATED_REGIONS[EMULATED_REGIONS.length - 1]}`;

/** Checks a change (the admin endpoint's body) and says what is wrong with it. */
export function getValidAgreementChange(input: unknown): AgreementChange {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new TypeError(`the body must be a JSON object: ${EXAMPLE}`);
  const change = input as Record<string, unknown>;
  for (const key of Object.keys(change)) {
    if (key !== 'region' && key !== 'signed') throw new TypeError(`unknown field "${key}": give region and signed only`);
  }
  if (!(EMULATED_REGIONS as readonly unknown[]).includes(change.region))
    throw new TypeError(`region must be a CSP region (${REGIONS_TEXT})`);
  if (typeof change.signed !== 'boolean') throw new TypeError('signed must be true or false');
  return { region: change.region as EmulatedRegion, signed: change.signed };
}

/** Parses the admin endpoint's body text. */
export function parseAgreementChange(text: string): AgreementChange {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new TypeError(`the body must be JSON: ${EXAMPLE}`);
  }
  return getValidAgreementChange(input);
}

/** The reseller after the change; its other regions, identifiers and faults stay as they were. */
export function withAgreementChange(reseller: EmulatedReseller, change: AgreementChange): EmulatedReseller {
  const others = reseller.signedRegions.filter((region) => region !== change.region);
  const signedRegions = change.signed ? [...others, change.region] : others;
  return { ...reseller, signedRegions };
}
