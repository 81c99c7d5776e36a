import { normaliseGuid, normaliseMpnId } from '../reseller-identifier';
import { parseJsonBody } from './json-body';

/**
 * One `PartnerRelationship` of the relationships collection: the reseller's tenant ID (its
 * `id`), MPN ID, name, the relationship's state and the reseller's location.
 */
export interface PartnerRelationship {
  /** Lower-case GUID. */
  readonly tenantId: string;
  /** Without leading zeros; null when Partner Center gave none that is valid. */
  readonly mpnId: string | null;
  readonly name: string;
  /** Verbatim (`Active` in Microsoft's example, `active` in its resource description). */
  readonly state: string;
  readonly location: string | null;
}

/** Where the next page is: the `next` link's uri as given, and the headers to send back with it. */
export interface NextLink {
  readonly uri: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RelationshipsPage {
  readonly relationships: readonly PartnerRelationship[];
  /** Items left out: no tenant ID (a GUID) to key them by, or a relationship of another type than asked for. */
  readonly skipped: number;
  /** The page's `totalCount`, when it gave a whole number. */
  readonly totalCount: number | undefined;
  readonly next: NextLink | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property in Partner Center's camelCase, or in the PascalCase its resource tables use. */
function field(object: Record<string, unknown>, name: string): unknown {
  return object[name] ?? object[name[0].toUpperCase() + name.slice(1)];
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);

/** Header names and values that can be sent as given; anything else is dropped. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers a link must never set: ours to send. */
const OWN_HEADERS = new Set([
  'authorization',
  'accept',
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'ms-correlationid',
  'ms-requestid',
  'x-locale',
]);

/** A link's headers, as a list of `{key, value}` (Microsoft's examples) or as an object. */
function linkHeaders(raw: unknown): Record<string, string> {
  const pairs: Array<[unknown, unknown]> = Array.isArray(raw)
    ? raw.filter(isObject).map((pair) => [field(pair, 'key') ?? field(pair, 'name'), field(pair, 'value')])
    : isObject(raw)
      ? Object.entries(raw)
      : [];
  const headers: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (typeof key !== 'string' || typeof value !== 'string' || !TOKEN.test(key) || /[\r\n\0]/.test(value)) continue;
    if (OWN_HEADERS.has(key.toLowerCase())) continue;
    headers[key] = value;
  }
  return headers;
}

function readNext(links: unknown): NextLink | undefined | 'unusable' {
  if (!isObject(links)) return undefined;
  const next = field(links, 'next');
  if (next === undefined || next === null) return undefined;
  if (!isObject(next)) return 'unusable';
  const uri = field(next, 'uri');
  const method = field(next, 'method');
  if (typeof uri !== 'string' || uri.trim() === '') return 'unusable';
  // Only a GET can be followed: the call has no body to send.
  if (method !== undefined && method !== null && (typeof method !== 'string' || method.toUpperCase() !== 'GET')) return 'unusable';
  return { uri: uri.trim(), headers: linkHeaders(field(next, 'headers')) };
}

/**
 * The relationship type the list asks for, in any letter case, with or without underscores
 * (Microsoft's examples write `is_indirect_cloud_solution_provider_of`, its query
 * `IsIndirectCloudSolutionProviderOf`). An item of another type is not one of the provider's
 * indirect resellers.
 */
const isIndirectResellerType = (type: string) => type.replace(/[_\s-]/g, '').toLowerCase() === 'isindirectcloudsolutionproviderof';

function readItem(item: unknown): PartnerRelationship | undefined {
  if (!isObject(item)) return undefined;
  const type = field(item, 'relationshipType');
  // Absent is taken as the type asked for; any other value (the reverse relationship, a typo) is not.
  if (type !== undefined && type !== null && (typeof type !== 'string' || !isIndirectResellerType(type))) return undefined;
  const tenantId = normaliseGuid(text(field(item, 'id'))?.trim() ?? '');
  if (!tenantId) return undefined;
  const mpnText = text(field(item, 'mpnId'))?.trim();
  return {
    tenantId,
    mpnId: mpnText ? (normaliseMpnId(mpnText) ?? null) : null,
    name: text(field(item, 'name'))?.trim() ?? '',
    state: text(field(item, 'state'))?.trim() ?? '',
    location: text(field(item, 'location'))?.trim() || null,
  };
}

/**
 * A page of the relationships collection (`items`, `links.next`), or undefined when the body
 * is not one (a property named twice included): then it is an error body or something
 * unreadable, for the outcome table.
 */
export function readRelationshipsPage(body: string): RelationshipsPage | undefined {
  const json = parseJsonBody(body);
  if (!isObject(json)) return undefined;
  const items = field(json, 'items');
  if (!Array.isArray(items)) return undefined;
  const next = readNext(field(json, 'links'));
  if (next === 'unusable') return undefined;
  const relationships: PartnerRelationship[] = [];
  for (const item of items) {
    const read = readItem(item);
    if (read) relationships.push(read);
  }
  const total = field(json, 'totalCount');
  const totalCount = typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
  return { relationships, skipped: items.length - relationships.length, totalCount, next };
}
