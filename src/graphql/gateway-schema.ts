import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, isAbstractType, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { byTypename } from './by-typename';
import { CspRegionMismatchResolver } from './mpa-status/csp-region-mismatch.resolver';
import { CspRegionResolver } from './csp-region/csp-region.resolver';
import { MPA_STATUS_MEMBERS } from './mpa-status/mpa-status.type';
import { OrderEligibilityResolver } from './order-eligibility/order-eligibility.resolver';
import { resolveResellerReference } from './reseller/reseller.reference';
import { ResellerResolver } from './reseller/reseller.resolver';
// After ResellerResolver: type-graphql lists a type's fields in the order their resolvers load.
import { ResellerEligibilityResolver } from './order-eligibility/reseller-eligibility.resolver';
import { guardResellerEntities } from './reseller/reseller-entities';
import {
  AgreementCheckResolver,
  PartnerOfRecordCheckResolver,
  RelationshipCheckResolver,
} from './order-eligibility/eligibility-check.resolver';
import { MpaAgreementCheck, MpaRelationshipCheck } from './order-eligibility/eligibility-check.type';
import { MPA_RELATIONSHIP_MEMBERS } from './relationship/relationship.type';
import { ResellerDirectoryResolver } from './reseller-directory/reseller-directory.resolver';
import { ResellerPartnerOfRecordResolver } from './partner-of-record/partner-of-record.resolver';
import { MPA_PARTNER_OF_RECORD_MEMBERS } from './partner-of-record/partner-of-record.type';
import { MpaPartnerOfRecordCheck } from './order-eligibility/partner-of-record-check.type';
// Last: type-graphql prints types in the order their modules load.
import { PartnerOfRecordMessageResolver, RelationshipMessageResolver, StatusMessageResolver } from './outcome-message.resolver';

/** Federation 2 features the subgraph uses. */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])';

/**
 * The gateway's schema: type-graphql classes printed with their directives and rebuilt as
 * an Apollo Federation 2 subgraph, so `_service { sdl }` and `_entities` exist. Every object
 * type is declared with `simpleResolvers: true`: no middleware is used, so a plain field is
 * read by graphql-js itself rather than through type-graphql's per-field wrapper.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  const codeFirst = await buildSchema({
    resolvers: [
      ResellerResolver,
      ResellerEligibilityResolver,
      OrderEligibilityResolver,
      AgreementCheckResolver,
      RelationshipCheckResolver,
      ResellerDirectoryResolver,
      CspRegionResolver,
      CspRegionMismatchResolver,
      StatusMessageResolver,
      RelationshipMessageResolver,
      PartnerOfRecordMessageResolver,
      PartnerOfRecordCheckResolver,
      ResellerPartnerOfRecordResolver,
    ],
    orphanedTypes: [
      ...MPA_STATUS_MEMBERS,
      ...MPA_RELATIONSHIP_MEMBERS,
      MpaAgreementCheck,
      MpaRelationshipCheck,
      ...MPA_PARTNER_OF_RECORD_MEMBERS,
      MpaPartnerOfRecordCheck,
    ],
    validate: false,
  });
  const resolvers = createResolversMap(codeFirst) as Record<string, Record<string, unknown>>;
  resolvers.Reseller = { __resolveReference: resolveResellerReference, ...resolvers.Reseller };
  // Every union and interface here is told apart by __typename. type-graphql wraps each
  // resolveType in an async function, and a promise per value costs a microtask and makes the
  // object holding it wait as well; this answers at once.
  for (const type of Object.values(codeFirst.getTypeMap())) {
    if (isAbstractType(type) && resolvers[type.name]) resolvers[type.name].__resolveType = byTypename;
  }
  const schema = buildSubgraphSchema([
    {
      typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(codeFirst)}`),
      resolvers: resolvers as never,
    },
  ]);
  guardResellerEntities(schema);
  return schema;
}

/** The subgraph SDL, as `_service { sdl }` serves it and `schema.graphql` holds it. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
