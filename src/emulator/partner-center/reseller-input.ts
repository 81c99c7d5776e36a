import { EMULATED_REGIONS, EmulatedRegion } from '../emulated-regions';
import { EmulatedPartnerOfRecord, EmulatedReseller } from './emulated-world';

const REGIONS = new Set<string>(EMULATED_REGIONS);
const KNOWN_FIELDS = new Set([
  'tenantId',
  'name',
  'homeRegion',
  'signedRegions',
  'relationships',
  'migrated',
  'enrolled',
  'answersFalse',
  'purpose',
  'partnerOfRecord',
]);

function region(value: unknown, field: string): EmulatedRegion {
  if (typeof value !== 'string' || !REGIONS.has(value)) throw new TypeError(`${field} must be a CSP region name such as "EUROPE"`);
  return value as EmulatedRegion;
}

/** `partnerOfRecord`: `{"valid": true}`, `{"valid": false, "errorCode": …, "errorDescription": "…"}` or `{"omitted": true}`. */
function getValidPartnerOfRecord(value: unknown): EmulatedPartnerOfRecord | undefined {
  if (value === undefined) return undefined;
  const shape =
    'partnerOfRecord must be {"valid": true}, {"valid": false, "errorCode": 900400, "errorDescription": "..."} or {"omitted": true}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(shape);
  const fields = value as Record<string, unknown>;
  if (fields.omitted === true) return { omitted: true };
  if (fields.valid === true) return { valid: true };
  if (fields.valid !== false) throw new TypeError(shape);
  const { errorCode, errorDescription } = fields;
  if (errorCode !== undefined && typeof errorCode !== 'number' && typeof errorCode !== 'string')
    throw new TypeError('partnerOfRecord.errorCode must be a number or a string');
  if (errorDescription !== undefined && typeof errorDescription !== 'string')
    throw new TypeError('partnerOfRecord.errorDescription must be a string');
  return {
    valid: false,
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(errorDescription !== undefined ? { errorDescription } : {}),
  };
}

/**
 * A reseller from the admin endpoint's JSON (`PUT /_emulator/resellers/{mpnId}`), checked
 * field by field: `homeRegion` is required; `signedRegions` defaults to none, `relationships`
 * (account region to state) to an active one with the home region's account.
 */
export function getValidReseller(mpnId: string, input: unknown): EmulatedReseller {
  if (!/^\d+$/.test(mpnId)) throw new TypeError('the MPN ID in the path must be digits');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('reseller must be a JSON object');
  const fields = input as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!KNOWN_FIELDS.has(key)) throw new TypeError(`reseller has an unknown field "${key}"`);
  if (fields.tenantId !== undefined && !(typeof fields.tenantId === 'string' && /^[0-9a-f-]{36}$/i.test(fields.tenantId))) {
    throw new TypeError('tenantId must be a hyphenated GUID');
  }
  if (fields.name !== undefined && typeof fields.name !== 'string') throw new TypeError('name must be a string');
  const signed = fields.signedRegions ?? [];
  if (!Array.isArray(signed)) throw new TypeError('signedRegions must be a list of CSP region names');
  let relationships: Partial<Record<EmulatedRegion, string>> | undefined;
  if (fields.relationships !== undefined) {
    if (typeof fields.relationships !== 'object' || fields.relationships === null || Array.isArray(fields.relationships)) {
      throw new TypeError('relationships must map account regions to states, e.g. {"EUROPE": "Active"}');
    }
    relationships = {};
    for (const [account, state] of Object.entries(fields.relationships)) {
      if (typeof state !== 'string' || state === '') throw new TypeError(`relationships.${account} must be a state such as "Active"`);
      relationships[region(account, `relationships.${account}`)] = state;
    }
  }
  for (const flag of ['migrated', 'enrolled', 'answersFalse'] as const) {
    if (fields[flag] !== undefined && typeof fields[flag] !== 'boolean') throw new TypeError(`${flag} must be true or false`);
  }
  const partnerOfRecord = getValidPartnerOfRecord(fields.partnerOfRecord);
  return {
    mpnId,
    ...(partnerOfRecord ? { partnerOfRecord } : {}),
    ...(fields.tenantId ? { tenantId: (fields.tenantId as string).toLowerCase() } : {}),
    ...(fields.name !== undefined ? { name: fields.name as string } : {}),
    homeRegion: region(fields.homeRegion, 'homeRegion'),
    signedRegions: signed.map((entry, index) => region(entry, `signedRegions[${index}]`)),
    ...(relationships ? { relationships } : {}),
    ...(fields.migrated !== undefined ? { migrated: fields.migrated as boolean } : {}),
    ...(fields.enrolled !== undefined ? { enrolled: fields.enrolled as boolean } : {}),
    ...(fields.answersFalse !== undefined ? { answersFalse: fields.answersFalse as boolean } : {}),
    purpose: typeof fields.purpose === 'string' ? fields.purpose : 'Added through the admin endpoint.',
  };
}
