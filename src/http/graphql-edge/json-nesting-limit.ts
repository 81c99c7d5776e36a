import fp from 'fastify-plugin';
import { FastifyRequest } from 'fastify';
import { GatewayErrorCode } from '../../errors/gateway-error-code';
import { GatewayHttpError } from '../error-replies';

/**
 * Deepest nesting of objects and lists a request's JSON may have, the body itself counting as
 * one. A real request nests four deep (`variables.orders[0].mpnId`, a router's
 * `variables.representations[0]`); thousands of levels would take the stack of whatever walks
 * them recursively (costing an operation's variables does), and a 25 KB body holds 5,000.
 */
export const MAX_JSON_NESTING = 32;

/**
 * Whether JSON text opens more than `limit` objects or lists inside one another. Brackets in
 * strings do not count; the text need not be valid JSON (the parser answers that).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index += 1; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x7d || char === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/** The JSON texts of a request: a POST's body, or a GET's `variables` and `extensions` parameters. */
function jsonTextsOf(request: FastifyRequest): string[] {
  if (request.rawBody !== null) return [request.rawBody];
  const parameters = (request.query ?? {}) as Record<string, unknown>;
  return [parameters.variables, parameters.extensions].filter((value): value is string => typeof value === 'string');
}

/**
 * A `preHandler` hook, before the body is parsed: JSON nested deeper than `MAX_JSON_NESTING`
 * is 400 `BAD_REQUEST`, whether it is a POST body or a GET's variables or extensions.
 */
export const jsonNestingLimit = fp(
  (edge, _options, ready) => {
    const tooDeep = () =>
      new GatewayHttpError(
        400,
        GatewayErrorCode.BAD_REQUEST,
        `The request's JSON nests objects and lists more than ${MAX_JSON_NESTING} levels deep.`,
      );
    edge.addHook('preHandler', (request, _reply, done) => {
      if (jsonTextsOf(request).some((text) => nestsDeeperThan(text, MAX_JSON_NESTING))) return done(tooDeep());
      done();
    });
    ready();
  },
  { name: 'mpa-json-nesting-limit', decorators: { request: ['rawBody'] } },
);
