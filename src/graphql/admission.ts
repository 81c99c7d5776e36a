import { FragmentDefinitionNode, GraphQLError, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayContext } from './gateway-context';

/** Refuses a list longer than the configured bound, before any upstream call. */
export function assertListLength(argument: string, length: number, context: GatewayContext): void {
  const limit = context.services.maxResellersPerQuery;
  if (length > limit) {
    throw new GraphQLError(`${argument} may hold at most ${limit} entries; it holds ${length}. Split the request.`, {
      extensions: { code: GatewayErrorCode.BAD_USER_INPUT, argumentName: argument, limit, length },
    });
  }
}

/**
 * Reserves a list's upstream questions in the operation's budget before any of them is
 * asked, or refuses the list as a whole when they do not fit.
 */
export function reserveQuestions(questions: number, context: GatewayContext): void {
  if (context.budget.reserve(questions)) return;
  const { limit } = context.budget;
  throw new GraphQLError(
    `This operation would ask Partner Center ${questions} distinct questions (resellers × regions); one operation may ask at most ${limit}. Split the request.`,
    { extensions: { code: GatewayErrorCode.UPSTREAM_BUDGET_EXCEEDED, questions, limit } },
  );
}

/** Reseller fields that ask Partner Center, once per distinct `region` argument. */
const ASKING_FIELDS = new Set(['mpaStatus', 'orderEligibility']);

/**
 * How many distinct regions the selection under the current field asks about for each
 * reseller (`mpaStatus(region:)`, `orderEligibility(region:)`), through aliases, inline
 * fragments and named fragments. `@skip`/`@include` are ignored, so this is an upper bound.
 */
export function regionsAskedPerReseller(info: GraphQLResolveInfo): number {
  const regions = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined, fragmentsSeen: ReadonlySet<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (!ASKING_FIELDS.has(selection.name.value)) continue;
        const region = selection.arguments?.find((argument) => argument.name.value === 'region')?.value;
        if (region?.kind === Kind.ENUM) regions.add(region.value);
        else if (region?.kind === Kind.VARIABLE) regions.add(String(info.variableValues[region.name.value]));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === 'Reseller') visit(selection.selectionSet, fragmentsSeen);
      } else {
        const name = selection.name.value;
        const fragment: FragmentDefinitionNode | undefined = info.fragments[name];
        if (fragment && !fragmentsSeen.has(name) && fragment.typeCondition.name.value === 'Reseller') {
          visit(fragment.selectionSet, new Set([...fragmentsSeen, name]));
        }
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, new Set());
  return regions.size;
}
