import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Env } from '../env.js';

type LimitSettings = Pick<
  Env,
  'GRAPHQL_MAX_TOKENS' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_DEPTH' | 'HTTP_MAX_BODY_BYTES'
>;

function refusal(message: string, setting: string): GraphQLError {
  // graphql-armor's messages say what was counted and its limit; ours add the setting to change.
  const text = message.replace(/^Syntax Error: /, '').replace(/\.$/, '');
  return new GraphQLError(`Query refused: ${text} (${setting}).`, {
    extensions: { code: 'LIMIT_EXCEEDED', setting },
  });
}

/** A validation limit: reported like any validation error (HTTP 400), naming its setting. */
function validationLimit(setting: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) => {
        ctx?.reportError(refusal(error.message, setting));
      },
    ],
  };
}

/**
 * Bounds what one request may ask for, before any resolver runs (graphql-armor): tokens at
 * parsing (HTTP 400), aliases and depth at validation (HTTP 400). Directives are bounded by the
 * token limit. The cost limit, which counts a page's `first`, is the schema's (GRAPHQL_MAX_COST).
 */
export function useQueryLimits(settings: LimitSettings): Plugin {
  return EnvelopArmorPlugin({
    maxTokens: {
      n: settings.GRAPHQL_MAX_TOKENS,
      onReject: [
        (_ctx, error) => {
          throw refusal(error.message, 'GRAPHQL_MAX_TOKENS');
        },
      ],
    },
    maxAliases: { n: settings.GRAPHQL_MAX_ALIASES, ...validationLimit('GRAPHQL_MAX_ALIASES') },
    maxDepth: { n: settings.GRAPHQL_MAX_DEPTH, ...validationLimit('GRAPHQL_MAX_DEPTH') },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
    // Suggestions are hidden in production by hidden-suggestions.ts, which sees every error.
    blockFieldSuggestion: { enabled: false },
  }) as Plugin;
}

/** Yoga refuses a body over HTTP_MAX_BODY_BYTES with 413; its message gains the limit and setting. */
export function useBodyLimitMessage(limit: number): Plugin {
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of (one as { errors?: GraphQLError[] }).errors ?? []) {
          if (error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE')
            error.message = `Request body over the limit of ${limit} bytes (HTTP_MAX_BODY_BYTES).`;
        }
      }
    },
  };
}
