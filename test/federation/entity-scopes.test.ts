import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLObjectType, GraphQLUnionType, getNamedType, isNonNullType, isObjectType, isAbstractType } from 'graphql';
import { ClientScope } from '../../src/client-access/client-scope';
import { sandboxTenantId } from '../../src/emulator/partner-center/emulated-world';
import { GatewayErrorCode } from '../../src/errors/gateway-error-code';
import { buildGatewaySchema } from '../../src/graphql/gateway-schema';
import { ProductionLikeGateway, startProductionLikeGateway } from '../support/production-like-gateway';

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** One API key per single scope, and the order form's usual pair. */
const KEYS: Record<string, { key: string; scopes: ClientScope[] }> = {
  'orders:check': { key: 'entity-scopes-orders-check-key-8c1f5a', scopes: ['orders:check'] },
  'resellers:read': { key: 'entity-scopes-resellers-read-key-2b7e90', scopes: ['resellers:read'] },
  'status:recheck': { key: 'entity-scopes-status-recheck-key-4d6a13', scopes: ['status:recheck'] },
  'directory:operate': { key: 'entity-scopes-directory-key-9e3c7b51', scopes: ['directory:operate'] },
};

/**
 * The scope each field of Reseller needs (any one of them). Every field the schema declares
 * must be listed here, so a new field cannot reach `_entities` unclassified.
 */
const RESELLER_FIELD_SCOPES: Record<string, ClientScope[] | 'none'> = {
  mpnId: 'none',
  tenantId: 'none',
  mpaStatus: ['orders:check'],
  orderEligibility: ['orders:check'],
  // Asks Microsoft (validateresellers): a status check, not a reading of the book.
  partnerOfRecord: ['orders:check'],
  name: ['resellers:read'],
  listedMpnId: ['resellers:read'],
  listedTenantId: ['resellers:read'],
  relationship: ['resellers:read'],
};

/** A tenant ID the emulator's reseller list holds with its MPN ID (1000001). */
const LISTED_TENANT = sandboxTenantId('1000001');

interface Answer {
  status: number;
  text: string;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions: { code?: string; fields?: string[]; missingScopes?: string[] } }>;
  };
}

describe('Scopes through federation _entities', () => {
  let gateway: ProductionLikeGateway;
  let resellerType: GraphQLObjectType;
  let entityTypes: string[];

  beforeAll(async () => {
    const schema = await buildGatewaySchema();
    resellerType = schema.getType('Reseller') as GraphQLObjectType;
    entityTypes = (schema.getType('_Entity') as GraphQLUnionType).getTypes().map((type) => type.name);
    gateway = await startProductionLikeGateway({
      config: {
        clientAuth: {
          apiKeys: Object.entries(KEYS).map(([name, { key, scopes }]) => ({ name: name.replace(':', '-'), sha256: sha256(key), scopes })),
        },
        // On, so an answer reused across scope sets would show.
        http: { responseCacheMs: 60_000 },
      },
    });
  });
  afterAll(async () => {
    await gateway.stop();
  });

  const ask = async (scope: string, query: string, variables?: Record<string, unknown>): Promise<Answer> => {
    const response = await gateway.post({ query, variables }, { 'x-api-key': KEYS[scope].key });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
  };

  /** `field(region: UNITED_STATES) { __typename }` or `field`, as the schema has it. */
  const selectionOf = (fieldName: string): string => {
    const field = resellerType.getFields()[fieldName];
    const args = field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => `${arg.name}: UNITED_STATES`);
    const named = getNamedType(field.type);
    const sub = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
    return `${fieldName}${args.length ? `(${args.join(', ')})` : ''}${sub}`;
  };
  const throughRoot = (selection: string) => `{ reseller(tenantId: "${LISTED_TENANT}") { ${selection} } }`;
  const throughEntities = (selection: string) =>
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { ${selection} } } }`;
  const REPRESENTATIONS = { r: [{ __typename: 'Reseller', tenantId: LISTED_TENANT }] };

  const expectRefused = (answer: Answer, scopes: readonly string[], field: string) => {
    expect(answer.status).toBe(403);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    const [error] = answer.body.errors!;
    expect(error.extensions.code).toBe(GatewayErrorCode.FORBIDDEN);
    expect(error.extensions.fields).toContain(field);
    expect(error.extensions.missingScopes).toContain(scopes.join(' or '));
  };

  it('has Reseller as its only entity type, and every field of it classified here', () => {
    // A new @key type needs its own rows in this file.
    expect(entityTypes).toEqual(['Reseller']);
    expect(Object.keys(resellerType.getFields()).sort()).toEqual(Object.keys(RESELLER_FIELD_SCOPES).sort());
  });

  describe.each(Object.keys(KEYS))('a key with %s only', (scope) => {
    it.each(Object.keys(RESELLER_FIELD_SCOPES))(
      'reads Reseller.%s through _entities exactly as through reseller(...), and only with its scope',
      async (fieldName) => {
        const needed = RESELLER_FIELD_SCOPES[fieldName];
        const selection = selectionOf(fieldName);
        gateway.emulator.clearCalls();
        const viaEntities = await ask(scope, throughEntities(selection), REPRESENTATIONS);
        const viaRoot = await ask(scope, throughRoot(selection));
        // The root fields themselves need orders:check or resellers:read.
        const reachesResellers = scope === 'orders:check' || scope === 'resellers:read';
        if (!reachesResellers) {
          expectRefused(viaEntities, ['orders:check', 'resellers:read'], 'Query._entities');
          expectRefused(viaRoot, ['orders:check', 'resellers:read'], 'Query.reseller');
          expect(gateway.emulator.calls()).toHaveLength(0);
          return;
        }
        if (needed !== 'none' && !needed.includes(scope as ClientScope)) {
          expectRefused(viaEntities, needed, `Reseller.${fieldName}`);
          expectRefused(viaRoot, needed, `Reseller.${fieldName}`);
          // Refused before anything is asked.
          expect(gateway.emulator.calls()).toHaveLength(0);
          return;
        }
        expect([viaEntities.status, viaEntities.body.errors]).toEqual([200, undefined]);
        expect([viaRoot.status, viaRoot.body.errors]).toEqual([200, undefined]);
        const entity = (viaEntities.body.data?._entities as unknown[])[0];
        expect(entity).toEqual(viaRoot.body.data?.reseller);
      },
    );
  });

  it('refuses every scope a recheck: _entities lives on Query, where no mutation can be selected', async () => {
    const answer = await ask(
      'status:recheck',
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller { recheckMpaStatus(region: UNITED_STATES) { canSubmit } } } }`,
      REPRESENTATIONS,
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  describe("an order line's partner-of-record check, for a reseller named by tenant ID, with orders:check only", () => {
    const PARTNER_OF_RECORD = `... on Reseller { orderEligibility(region: UNITED_STATES) { canSubmit checks {
      ... on MpaPartnerOfRecordCheck { guidance { headline whatItMeans actions } partnerOfRecord { __typename ... on MpaPartnerOfRecordOutcome { message } } } } } }`;

    // 1000001 is valid on record; 1000012 is refused (900400), whose guidance names the partner ID asked about.
    it.each(['1000001', '1000012'])(
      'is answered without the MPN ID (%s) the reseller book lists for the tenant, in any text',
      async (mpnId) => {
        const tenantId = sandboxTenantId(mpnId);
        for (const query of [
          `query ($r: [_Any!]!) { _entities(representations: $r) { ${PARTNER_OF_RECORD} } }`,
          `{ reseller(tenantId: "${tenantId}") { ${PARTNER_OF_RECORD}
            partnerOfRecord(region: UNITED_STATES) { ... on MpaPartnerOfRecordOutcome { message } } } }`,
          `{ orderEligibility(order: { tenantId: "${tenantId}", region: UNITED_STATES }) { guidance { whatItMeans actions } checks {
            guidance { headline whatItMeans actions } ... on MpaPartnerOfRecordCheck { partnerOfRecord { ... on MpaPartnerOfRecordOutcome { message } } } } } }`,
        ]) {
          const answer = await ask('orders:check', query, { r: [{ __typename: 'Reseller', tenantId }] });
          expect([answer.status, answer.body.errors]).toEqual([200, undefined]);
          expect(answer.text).toContain('partner of record');
          // The tenant ID holds the MPN ID in its last digits: look for the MPN ID on its own.
          expect(answer.text).not.toMatch(new RegExp(`(?<![-\\d])0*${mpnId}(?!\\d)`));
        }
      },
    );

    it("is refused the partner ID Microsoft was asked about (the book's MPN ID): 403 naming resellers:read", async () => {
      const answer = await ask(
        'orders:check',
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Reseller {
          partnerOfRecord(region: UNITED_STATES) { ... on MpaPartnerOfRecordOutcome { partnerId } } } } }`,
        REPRESENTATIONS,
      );
      expectRefused(answer, ['resellers:read'], 'MpaPartnerOfRecordOutcome.partnerId');
      const throughCheck = await ask(
        'orders:check',
        `{ orderEligibility(order: { tenantId: "${LISTED_TENANT}", region: UNITED_STATES }) { checks {
          ... on MpaPartnerOfRecordCheck { partnerOfRecord { ... on MpaPartnerOfRecordValid { partnerId } } } } } }`,
      );
      expectRefused(throughCheck, ['resellers:read'], 'MpaPartnerOfRecordValid.partnerId');
    });
  });

  it('serves _service { sdl } to a narrow key as docs/security.md says, and it is the published schema, nothing more', async () => {
    const answer = await ask('orders:check', '{ _service { sdl } }');
    expect(answer.status).toBe(200);
    const sdl = (answer.body.data?._service as { sdl: string }).sdl;
    expect(`${sdl.trim()}\n`).toBe(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));
    expect(readFileSync(path.join(__dirname, '../../docs/security.md'), 'utf8')).toContain(
      'The SDL is still served at `{ _service { sdl } }`',
    );
  });
});
