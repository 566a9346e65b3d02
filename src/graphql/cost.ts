import { type ComplexityErrorFn, ComplexityErrorKind } from '@pothos/plugin-complexity';
import { GraphQLError } from 'graphql';

/**
 * What a query costs: each field 1, a list's selection counted 10 times (a page of
 * `dataOutputConfigurations` counts its `first`). Computed before any root field resolves.
 */
export const COST_DEFAULTS = { defaultComplexity: 1, defaultListMultiplier: 10 } as const;

/** The refusal of a query over GRAPHQL_MAX_COST: nothing resolves, HTTP 400. */
export const costError: ComplexityErrorFn = (kind, result) => {
  if (kind !== ComplexityErrorKind.Complexity)
    return new GraphQLError(`Query refused: ${kind.toLowerCase()} over its limit.`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
    });
  return new GraphQLError(
    `Query cost ${result.complexity} is over the limit of ${result.maxComplexity} (GRAPHQL_MAX_COST). Each field costs 1, a list counts its selection 10 times and a page of dataOutputConfigurations counts it \`first\` times: ask for fewer fields, aliases or items.`,
    {
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        limit: 'GRAPHQL_MAX_COST',
        cost: result.complexity,
        max: result.maxComplexity,
        http: { status: 400 },
      },
    },
  );
};
