import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLSchema, isIntrospectionType, isSpecifiedScalarType } from 'graphql';

/** A type reference in a message, quoted and maybe wrapped: `"MpaStatus"`, `"[ID!]!"`. */
const QUOTED_TYPE_REFERENCE = /"\[*([_A-Za-z][_0-9A-Za-z]*)[!\]]*"/g;
/** A member named with its type: `"MpaOrderLineInput.region"`. */
const QUOTED_MEMBER = /"([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)"/g;
/** graphql-js ends a message with its suggestions: `Did you mean "x" or "y"?` */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** Shown instead of a type name. */
export const HIDDEN_TYPE = '[hidden]';

function namesToHide(schema: GraphQLSchema): ReadonlySet<string> {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].map((type) => type?.name));
  return new Set(
    Object.values(schema.getTypeMap())
      .filter((type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type) && !roots.has(type.name))
      .map((type) => type.name),
  );
}

/** A client error's message with suggestions and the schema's own type names taken out. */
export function withoutSchemaDetails(message: string, hidden: ReadonlySet<string>): string {
  return message
    .replace(SUGGESTION, '')
    .replace(QUOTED_MEMBER, (quoted, type: string, member: string) => (hidden.has(type) ? `"${member}"` : quoted))
    .replace(QUOTED_TYPE_REFERENCE, (quoted, name: string) => (hidden.has(name) ? HIDDEN_TYPE : quoted));
}

/**
 * With introspection off, error messages must not describe the schema either: no
 * suggestions ("Did you mean …?") and no names of the schema's types ("on type
 * \"MpaStatus\""). Apollo's `hideSchemaDetailsFromClientErrors` removes suggestions from
 * validation errors only; this covers variable coercion errors and type names as well
 * (`on type "MpaStatus"` becomes `on type [hidden]`, `"MpaOrderLineInput.region"` becomes `"region"`).
 * Root types and built-in scalars (`Query`, `ID`, …) stay: every schema has them.
 */
export function createHideSchemaDetailsPlugin(): ApolloServerPlugin {
  const hiddenBySchema = new WeakMap<GraphQLSchema, ReadonlySet<string>>();
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, schema }) {
          let hidden = hiddenBySchema.get(schema);
          if (!hidden) {
            hidden = namesToHide(schema);
            hiddenBySchema.set(schema, hidden);
          }
          for (const error of errors) error.message = withoutSchemaDetails(error.message, hidden);
        },
      };
    },
  };
}
