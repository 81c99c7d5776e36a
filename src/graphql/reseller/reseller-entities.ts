import { GraphQLError, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayContext } from '../gateway-context';
import { assertListLength, regionsAskedPerReseller, reserveQuestions } from '../admission';
import { resolveResellerReference } from './reseller.reference';
import { distinctResellers } from '../../operation/named-reseller';

/** A representation this subgraph can resolve, or the error for that entity alone. */
function checkRepresentation(representation: unknown, index: number): Record<string, unknown> | GraphQLError {
  const refuse = (problem: string) =>
    new GraphQLError(`Representation ${index}: ${problem}`, { extensions: { code: GatewayErrorCode.BAD_USER_INPUT, index } });
  if (typeof representation !== 'object' || representation === null || Array.isArray(representation)) return refuse('must be an object.');
  const entry = representation as Record<string, unknown>;
  if (entry.__typename !== 'Reseller') return refuse(`this subgraph resolves Reseller only, not ${JSON.stringify(entry.__typename)}.`);
  // A subgraph that types mpnId as Int sends it as a number: accepted when it is a whole one.
  const { mpnId, tenantId } = entry;
  if (mpnId !== undefined && mpnId !== null && typeof mpnId !== 'string' && !Number.isSafeInteger(mpnId))
    return refuse('mpnId must be a string or a whole number.');
  if (tenantId !== undefined && tenantId !== null && typeof tenantId !== 'string') return refuse('tenantId must be a string.');
  return entry;
}

/**
 * Guards Federation's `_entities`: no more representations than `resellers` takes IDs
 * (`limits.maxResellersPerQuery`), each representation is checked on its own (a bad one
 * fails for that entity alone, never the whole list), and the upstream questions the
 * selection would ask for all of them are reserved in the operation's budget before any is
 * asked, so one request with thousands of representations is refused instead of fanned out.
 */
export function guardResellerEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  if (!field?.resolve) throw new Error('the subgraph schema has no _entities field to guard');
  const resolveEntities: GraphQLFieldResolver<unknown, GatewayContext> = field.resolve;
  field.resolve = (source, args: { representations: unknown[] }, context: GatewayContext, info) => {
    // The same cap as `resellers`, whether or not a status field is asked: names and listed
    // identifiers cost no upstream question, but a list is still a reading of the book.
    assertListLength('representations', args.representations.length, context);
    const checked = args.representations.map(checkRepresentation);
    const valid = checked.filter((entry): entry is Record<string, unknown> => !(entry instanceof GraphQLError));
    reserveQuestions(distinctResellers(valid.map((entry) => resolveResellerReference(entry))) * regionsAskedPerReseller(info), context);
    // `representations` is the field's only argument.
    const resolved = resolveEntities(source, { representations: valid }, context, info) as unknown[];
    let next = 0;
    return checked.map((entry) => (entry instanceof GraphQLError ? entry : resolved[next++]));
  };
}
