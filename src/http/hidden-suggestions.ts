import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/**
 * In production no error says "Did you mean …": suggestions map the schema for a caller who may
 * not introspect it. graphql-armor's field-suggestion block sees validation errors only; this sees
 * every error answered, variable coercion (and its `extensions.issues`) included.
 */
export function useHiddenSuggestions(): Plugin {
  return {
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        for (const error of (one as { errors?: GraphQLError[] }).errors ?? []) {
          error.message = error.message.replace(SUGGESTION, '');
          const issues = error.extensions?.issues;
          if (Array.isArray(issues))
            for (const issue of issues as Array<{ message?: unknown }>)
              if (typeof issue.message === 'string')
                issue.message = issue.message.replace(SUGGESTION, '');
        }
      }
    },
  };
}
