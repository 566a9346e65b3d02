import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
import { UUID } from '../store/cursor.js';
import type { InputIssue } from '../validation/issues.js';

/**
 * Invalid input: every offending field path with its message, so a form can show each beside its
 * field (the README's "Errors"). Nothing was written.
 */
export function badUserInput(
  summary: string,
  issues: readonly InputIssue[],
  /** Where in the operation, when it is known (nodes, path). */
  at: Pick<GraphQLErrorOptions, 'nodes' | 'path'> = {},
): GraphQLError {
  const detail = issues
    .map((issue) => `${issue.path.join('.')}: ${issue.message.replace(/\.$/, '')}`)
    .join('; ');
  return new GraphQLError(`${summary}: ${detail}`, {
    ...at,
    extensions: { code: 'BAD_USER_INPUT', issues },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function pluginNotFound(name: string, known: readonly string[]): GraphQLError {
  return new GraphQLError(
    `Unknown plugin "${name}". Known plugins: ${known.join(', ') || 'none'}.`,
    {
      extensions: { code: 'PLUGIN_NOT_FOUND', knownPlugins: known },
    },
  );
}

/**
 * A stored configuration of a plugin this instance does not have (another instance on the same
 * database does, e.g. a newer release during a rolling upgrade): it is neither changed nor removed here.
 */
export function pluginNotAvailable(id: string, plugin: string): GraphQLError {
  return new GraphQLError(
    `Configuration ${id} belongs to plugin ${plugin}, which this instance of the service does not have; nothing was changed. ` +
      `Send the request to an instance with ${plugin} installed (during a rolling upgrade, try again once it is done).`,
    { extensions: { code: 'PLUGIN_NOT_AVAILABLE', plugin } },
  );
}

/** The `id` argument as a string, or BAD_USER_INPUT when it cannot be a configuration's id. */
export function configurationId(id: string | number): string {
  const value = String(id);
  if (!UUID.test(value))
    throw badUserInput('Invalid id', [{ path: ['id'], field: [], message: 'Must be a UUID' }]);
  return value;
}
