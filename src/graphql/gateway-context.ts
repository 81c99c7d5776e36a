import { randomUUID } from 'node:crypto';
import { GatewayServices, OperationContext, createOperationContext } from '../operation/operation-context';
import { ClientGrant, IN_PROCESS_CLIENT } from '../client-access/client-scope';

/** What every resolver of one operation sees: the operation's context (src/operation). */
export type GatewayContext = OperationContext;

/** A new GraphQL operation's context; the request id is made up when the operation has none. */
export function createGatewayContext(
  services: GatewayServices,
  locale: string,
  requestId: string = randomUUID(),
  client: ClientGrant = IN_PROCESS_CLIENT,
): GatewayContext {
  return createOperationContext(services, locale, requestId, client);
}
