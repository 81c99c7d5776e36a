import { ApolloServerPlugin } from '@apollo/server';
import { GatewayContext } from '../gateway-context';

/** What is known of one exchange once Apollo has its response. */
export interface ExchangeFacts {
  readonly method: string | undefined;
  readonly requestContentType: string | undefined;
  readonly operationType: string | undefined;
  readonly errorCount: number;
  /** The resolvers' word: every answer used may be reused (none unavailable, unknown, rechecked). */
  readonly answersReusable: boolean;
  readonly status: number;
  /** The whole body is in hand (not an incremental delivery). */
  readonly complete: boolean;
}

/**
 * The one rule for whether a response may be served again to an identical request: a
 * JSON POST of a query that went through cleanly (status 200, no errors, one complete body)
 * and used only answers that may be reused. Mutations, errors, refusals and answers given
 * while Partner Center was unavailable are never reused.
 */
export function mayReuseResponse(facts: ExchangeFacts): boolean {
  return (
    facts.method === 'POST' &&
    /^application\/json\b/i.test(facts.requestContentType ?? '') &&
    facts.operationType === 'query' &&
    facts.errorCount === 0 &&
    facts.answersReusable &&
    facts.status === 200 &&
    facts.complete
  );
}

export interface ResponseReuse {
  /** Records each response's verdict as Apollo sends it. */
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /**
   * Whether the response of the operation run with this context may be served again: false
   * until Apollo has sent it, so a request refused before the pipeline is never reused.
   */
  mayReuse(context: GatewayContext): boolean;
}

export function createResponseReusePlugin(): ResponseReuse {
  return {
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ request, response, operation, errors, contextValue }) {
            // On the context's response holder: Apollo hands plugins and resolvers shallow
            // copies of the context, and the holder is the object they all share.
            contextValue.response.mayServeAgain = mayReuseResponse({
              method: request.http?.method,
              requestContentType: request.http?.headers.get('content-type'),
              operationType: operation?.operation,
              errorCount: errors?.length ?? 0,
              answersReusable: contextValue.response.reusable,
              status: response.http.status ?? 200,
              complete: response.body.kind === 'single',
            });
          },
        };
      },
    },
    mayReuse: (context) => context.response.mayServeAgain === true,
  };
}
