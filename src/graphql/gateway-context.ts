import { randomUUID } from 'node:crypto';
import { GatewayServices, OperationContext, createOperationContext } from '../operation/operation-context';
import { ClientGrant, IN_PROCESS_CLIENT } from './authorization/client-scope';

/** What every resolver of one operation sees: the operation's context, its client with the scopes they hold (the client-scopes plugin reads them). */
export type GatewayContext = OperationContext<ClientGrant>;

/** A new GraphQL operation's context. */
export function createGatewayContext(
  services: GatewayServices,
  locale: string,
  requestId: string = randomUUID(),
  client: ClientGrant = IN_PROCESS_CLIENT,
): GatewayContext {
  return createOperationContext(services, locale, requestId, client);
}
