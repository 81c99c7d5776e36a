import { ApolloServerPlugin } from '@apollo/server';
import { BREAK, DocumentNode, ExecutionResult, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode, execute, visit } from 'graphql';
import { CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import Negotiator from 'negotiator';
import { CostLimit } from './plugins/cost-limit';
import { documentBytes } from './document-store';
import { GatewayContext } from './gateway-context';

/** A query Apollo has parsed, validated and answered cleanly, ready to run again. */
interface PreparedOperation {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | null;
  readonly queryHash: string;
  /** Compiled on its first run here; null when it runs on graphql-js's `execute` instead. */
  compiled?: CompiledQuery | null;
}

/** How a prepared operation runs: compiled by graphql-jit, or on graphql-js's `execute`. */
export type PreparedEngine = 'compiled' | 'interpreted';

/** A prepared operation's answer, as Apollo would have sent it. */
export interface PreparedAnswer {
  readonly contentType: string;
  readonly body: string;
}

export interface PreparedOperationsOptions {
  /** Required. Bytes of documents kept at most (`http.documentCacheBytes`); 0 turns preparing off. */
  readonly maxBytes: number;
  /** Required. The same cost limit Apollo's pipeline applies. */
  readonly costLimit: CostLimit;
}

/** The media types Apollo Server answers a single result in, in its order of preference. */
const SINGLE_RESULT_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8', 'application/json; callbackSpec=1.0; charset=utf-8'];
const BODY_FIELDS = new Set(['query', 'variables', 'operationName', 'extensions']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A compiled operation holds about four times what its document does (measured with graphql-jit 0.8 on Node 20). */
const COMPILED_SIZE_FACTOR = 4;

const entryBytes = (entry: PreparedOperation) => documentBytes(entry.document) * (entry.compiled ? 1 + COMPILED_SIZE_FACTOR : 1) + 256;

/** Most fields, fragments spread, an operation may select to be compiled: compiling costs about 20 µs a field. */
const MAX_COMPILED_FIELDS = 256;

/**
 * Whether graphql-jit may run the operation: no directives (`@skip`/`@include` on fragment
 * spreads is where its default mode differs from graphql-js), no introspection, and at most
 * MAX_COMPILED_FIELDS fields once fragments are spread, so compiling stays cheap and small.
 */
function compilable(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  let plain = true;
  visit(document, {
    Directive() {
      plain = false;
      return BREAK;
    },
    Field(node) {
      if (node.name.value.startsWith('__') && node.name.value !== '__typename') {
        plain = false;
        return BREAK;
      }
      return undefined;
    },
  });
  if (!plain) return false;
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  }
  let fields = 0;
  const count = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) {
        fields += 1;
        return fields <= MAX_COMPILED_FIELDS && (!selection.selectionSet || count(selection.selectionSet));
      }
      const spread = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value);
      return spread !== undefined && count(spread);
    });
  return count(operation.selectionSet);
}

/** The operation compiled by graphql-jit, or null when it cannot be. */
function compile(entry: PreparedOperation): CompiledQuery | null {
  if (!compilable(entry.document, entry.operation)) return null;
  try {
    const compiled = compileQuery(entry.schema, entry.document, entry.operationName ?? undefined);
    return isCompiledQuery(compiled) ? compiled : null;
  } catch {
    return null;
  }
}

/**
 * Runs a query Apollo has already answered cleanly again without Apollo's per-request
 * pipeline (hashing the text, the document store, every plugin's hooks, content
 * negotiation), compiled by graphql-jit on its first run here, or on graphql-js's `execute`
 * when it has directives, introspection, too many fields, or does not compile: an order form
 * sends the same few operations all day.
 *
 * It answers only what it can answer exactly as Apollo would: a JSON POST with `query`,
 * optional `variables`, `operationName` and `extensions` (without a persisted-query hash)
 * and nothing else, a query operation, variables
 * within the cost limit, an `Accept` Apollo answers, and a result without errors. Anything
 * else, and any result with errors, goes through Apollo (`answer` returns undefined). A
 * result with errors is run again there with a context that shares the first run's answers
 * and deadline (`contextForRerun`), so no question is asked twice and no time is gained.
 *
 * Documents are recorded by the plugin when Apollo sends a clean response, in a store
 * bounded in bytes like Apollo's document store.
 *
 * Apollo's plugins do not run for these answers. What the gateway's plugins do for a clean
 * query (counting the operation, the response-reuse verdict) is done by the GraphQL route
 * (`src/http/routes/graphql-routes.ts`); a new plugin that acts on clean queries belongs there too.
 */
export class PreparedOperations {
  private readonly operations: LRUCache<string, PreparedOperation[]> | undefined;
  private readonly costLimit: CostLimit;
  private readonly contentTypes = new LRUCache<string, string | false>({ max: 256 });
  private readonly answered = { compiled: 0, interpreted: 0 };

  readonly plugin: ApolloServerPlugin<GatewayContext>;

  constructor(options: PreparedOperationsOptions) {
    this.costLimit = options.costLimit;
    this.operations =
      options.maxBytes > 0
        ? new LRUCache({
            maxSize: options.maxBytes,
            sizeCalculation: (prepared) => prepared.reduce((bytes, entry) => bytes + entryBytes(entry), 0),
          })
        : undefined;
    const operations = this.operations;
    this.plugin = {
      async requestDidStart() {
        return {
          async willSendResponse({ request, document, operation, operationName, queryHash, schema, errors, response }) {
            if (!operations || request.http?.method !== 'POST' || operation?.operation !== 'query' || !document || !queryHash) return;
            if (errors?.length || response.body.kind !== 'single' || (response.http.status ?? 200) !== 200 || typeof request.query !== 'string') return;
            const known = operations.get(request.query) ?? [];
            if (known.some((entry) => entry.operationName === (request.operationName ?? null))) return;
            operations.set(request.query, [...known, { schema, document, operation, operationName: request.operationName ?? null, queryHash }]);
          },
        };
      },
    };
  }

  /**
   * The answer to a parsed JSON POST body, when it is a prepared query that ran without
   * errors; undefined when Apollo's pipeline must answer it (with `contextForRerun`).
   */
  answer(body: unknown, accept: string | undefined, context: GatewayContext): PreparedAnswer | Promise<PreparedAnswer | undefined> | undefined {
    if (!this.operations || !isRecord(body)) return undefined;
    for (const field in body) if (!BODY_FIELDS.has(field)) return undefined;
    const { query, variables, operationName, extensions } = body;
    if (typeof query !== 'string') return undefined;
    // Extensions that describe the client change nothing; a persisted-query hash is Apollo's to refuse.
    if (extensions !== undefined && extensions !== null && (!isRecord(extensions) || 'persistedQuery' in extensions)) return undefined;
    if (variables !== undefined && variables !== null && !isRecord(variables)) return undefined;
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
    const contentType = this.contentTypeFor(accept);
    if (!contentType) return undefined;
    const prepared = this.operations.get(query)?.find((entry) => entry.operationName === (operationName ?? null));
    if (!prepared) return undefined;
    const { schema, document, operation, queryHash } = prepared;
    if (!this.costLimit.allows({ schema, document, operation, queryHash, operationName, variables })) return undefined;
    if (prepared.compiled === undefined) {
      prepared.compiled = compile(prepared);
      // Its size changed: stored again, so the bound counts the compiled code.
      this.operations.set(query, this.operations.get(query) ?? [prepared]);
    }
    let result: ExecutionResult | Promise<ExecutionResult>;
    try {
      result = prepared.compiled
        ? prepared.compiled.query(undefined, context, variables)
        : execute({ schema, document, contextValue: context, variableValues: variables, operationName });
    } catch {
      return undefined;
    }
    const engine = prepared.compiled ? 'compiled' : 'interpreted';
    return result instanceof Promise ? result.then((settled) => this.finish(settled, contentType, engine), () => undefined) : this.finish(result, contentType, engine);
  }

  /** Operations answered here, without Apollo's pipeline: compiled, or on graphql-js's `execute`. */
  hits(): Readonly<Record<PreparedEngine, number>> {
    return this.answered;
  }

  private finish(result: ExecutionResult, contentType: string, engine: PreparedEngine): PreparedAnswer | undefined {
    if (result.errors?.length || result.data === undefined || result.data === null) return undefined;
    this.answered[engine] += 1;
    // Apollo's own serialisation of a single result: its fields in its order, then a newline.
    return { contentType, body: `${JSON.stringify({ data: result.data, extensions: result.extensions })}\n` };
  }

  /** The media type Apollo Server answers this `Accept` with; false when it answers 406. */
  private contentTypeFor(accept: string | undefined): string | false {
    if (!accept) return SINGLE_RESULT_TYPES[0];
    let chosen = this.contentTypes.get(accept);
    if (chosen === undefined) {
      chosen = new Negotiator({ headers: { accept } }).mediaType(SINGLE_RESULT_TYPES) ?? false;
      if (accept.length <= 256) this.contentTypes.set(accept, chosen);
    }
    return chosen;
  }
}
