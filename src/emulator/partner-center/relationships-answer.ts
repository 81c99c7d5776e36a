import { EmulatedRegion } from '../emulated-regions';
import { EmulatedAnswer } from './agreement-status-answer';
import { EmulatedReseller, nameOf, relationshipsOf } from './emulated-world';

/** `GET /v1/relationships`, the signed-in provider's reseller relationships. */
export const RELATIONSHIPS_PATH = /^\/v1\/relationships\/?$/i;

/** The only relationship type a provider account lists here. */
const PROVIDER_TYPE = 'IsIndirectCloudSolutionProviderOf';
/** How Partner Center spells the type in each listed item (its documented example). */
const ITEM_TYPE = 'is_indirect_cloud_solution_provider_of';
const CONTINUATION_HEADER = 'MS-ContinuationToken';

/**
 * How the `next` link's `uri` is written. Partner Center's examples show both a path without
 * the version (`/invoices/...`, relative to `{baseURL}/v1`) and one with it (`/v1/customers...`);
 * `absolute` is the full URL. Default `relative`, the less obvious of the three.
 */
export type NextLinkStyle = 'relative' | 'versioned' | 'absolute';

/** A country of each region, as `location` (ISO 3166 alpha-2). */
const LOCATIONS: Readonly<Record<EmulatedRegion, string>> = {
  AFRICA: 'ZA',
  ASIA_PACIFIC: 'SG',
  AUSTRALIA: 'AU',
  BRAZIL: 'BR',
  CANADA: 'CA',
  EUROPE: 'DE',
  INDIA: 'IN',
  JAPAN: 'JP',
  KOREA: 'KR',
  LATIN_AMERICA_AND_CARIBBEAN: 'MX',
  MIDDLE_EAST_CENTRAL_AND_EASTERN_EUROPE: 'AE',
  NEW_ZEALAND: 'NZ',
  RUSSIA: 'RU',
  TAIWAN: 'TW',
  UNITED_STATES: 'US',
};

export interface RelationshipsRequest {
  readonly params: URLSearchParams;
  /** The `MS-ContinuationToken` request header, when sent. */
  readonly continuationToken: string | undefined;
  /** Region of the calling provider account. */
  readonly region: EmulatedRegion;
  readonly pageSize: number;
  readonly nextLinkStyle: NextLinkStyle;
  /** The emulator's own base URL, for absolute links. */
  readonly baseUrl: string;
}

/** The page asked for, besides the answer: for the call log. */
export interface RelationshipsAnswer extends EmulatedAnswer {
  /** Zero-based page number, when a page was served. */
  readonly page?: number;
}

function param(params: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of params) if (key.toLowerCase() === name && value !== '') return value;
  return undefined;
}

const refuse = (description: string): RelationshipsAnswer => ({
  status: 400,
  body: { code: 400, description, data: [], source: 'PartnerFD' },
});

/** An opaque token for the next page: the account it belongs to and where the page starts. */
function encodeToken(region: EmulatedRegion, offset: number): string {
  return Buffer.from(JSON.stringify({ r: region, o: offset })).toString('base64url');
}

function decodeToken(token: string, region: EmulatedRegion): number | undefined {
  try {
    const { r, o } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { r?: unknown; o?: unknown };
    return r === region && Number.isInteger(o) && (o as number) > 0 ? (o as number) : undefined;
  } catch {
    return undefined;
  }
}

/** The account's relationships, in a stable order so pages do not overlap. */
export function relationshipItems(resellers: Iterable<EmulatedReseller>, region: EmulatedRegion): unknown[] {
  const listed: Array<{ mpnId: string; item: unknown }> = [];
  for (const reseller of resellers) {
    const state = relationshipsOf(reseller)[region];
    if (state === undefined || !reseller.tenantId) continue;
    listed.push({
      mpnId: reseller.mpnId,
      item: {
        id: reseller.tenantId,
        name: nameOf(reseller),
        relationshipType: ITEM_TYPE,
        state,
        mpnId: reseller.mpnId,
        location: LOCATIONS[reseller.homeRegion],
        attributes: { objectType: 'PartnerRelationship' },
      },
    });
  }
  return listed.sort((a, b) => Number(a.mpnId) - Number(b.mpnId)).map((entry) => entry.item);
}

/**
 * One page of the relationships collection: `totalCount` (the items on the page, as in
 * Partner Center's examples), `items`, `links` (`self`, and `next` while more follow, whose
 * `MS-ContinuationToken` header the caller sends back) and `attributes`.
 */
export function answerRelationships(request: RelationshipsRequest, resellers: Iterable<EmulatedReseller>): RelationshipsAnswer {
  const type = param(request.params, 'relationship_type');
  if (type === undefined || type.toLowerCase() !== PROVIDER_TYPE.toLowerCase()) {
    return refuse(`relationship_type must be ${PROVIDER_TYPE} for a provider account.`);
  }
  let offset = 0;
  if (param(request.params, 'seekoperation')?.toLowerCase() === 'next') {
    const decoded = request.continuationToken === undefined ? undefined : decodeToken(request.continuationToken, request.region);
    if (decoded === undefined) return refuse(`The ${CONTINUATION_HEADER} header is missing or not valid for this account.`);
    offset = decoded;
  }
  const items = relationshipItems(resellers, request.region);
  const page = items.slice(offset, offset + request.pageSize);
  const query = `relationships?relationship_type=${PROVIDER_TYPE}`;
  const nextUri = {
    relative: `/${query}&seekOperation=Next`,
    versioned: `/v1/${query}&seekOperation=Next`,
    absolute: `${request.baseUrl}/v1/${query}&seekOperation=Next`,
  }[request.nextLinkStyle];
  const more = offset + request.pageSize < items.length;
  return {
    status: 200,
    page: Math.floor(offset / request.pageSize),
    body: {
      totalCount: page.length,
      items: page,
      links: {
        self: { uri: `/${query}`, method: 'GET', headers: [] },
        ...(more
          ? {
              next: {
                uri: nextUri,
                method: 'GET',
                headers: [{ key: CONTINUATION_HEADER, value: encodeToken(request.region, offset + request.pageSize) }],
              },
            }
          : {}),
      },
      attributes: { objectType: 'Collection' },
    },
  };
}
