import { GraphQLError } from 'graphql';
import { GatewayContext } from './gateway-context';

/** Refuses a list longer than the configured bound, before any upstream call. */
export function assertListLength(argument: string, length: number, context: GatewayContext): void {
  const limit = context.services.maxResellersPerQuery;
  if (length > limit) {
    throw new GraphQLError(`${argument} may hold at most ${limit} entries; it holds ${length}. Split the request.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: argument, limit, length },
    });
  }
}
