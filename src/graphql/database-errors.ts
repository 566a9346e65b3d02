import { GraphQLError, Kind } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { type DatabaseFailure, databaseFailureOf } from '../db/sql-state.js';
import { badUserInput } from './errors.js';

/** The PostgreSQL timeouts in force, named in the errors that report them. */
export interface DatabaseTimeouts {
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

// The argument a refused value came from: the mutations' `input`, when the field has one.
function argumentPath(error: GraphQLError): string[] {
  const node = error.nodes?.[0];
  if (node?.kind !== Kind.FIELD) return [];
  return node.arguments?.some((argument) => argument.name.value === 'input') ? ['input'] : [];
}

function translate(
  error: GraphQLError,
  failure: DatabaseFailure,
  timeouts: DatabaseTimeouts,
): GraphQLError | undefined {
  const at = { nodes: error.nodes ?? null, path: error.path ?? null };
  // Class 22, data exception: the value itself cannot be stored (e.g. 22021, a byte sequence
  // that is not UTF-8). The statement failed, so its transaction wrote nothing.
  if (failure.sqlState.startsWith('22')) {
    return badUserInput(
      'The database refused a value',
      [
        {
          path: argumentPath(error),
          // The database names no field: the issue is about the input as a whole.
          field: [],
          message: `${failure.message} (SQLSTATE ${failure.sqlState})`,
        },
      ],
      at,
    );
  }
  const timeout =
    failure.sqlState === '55P03'
      ? `waited ${timeouts.lockTimeoutMs} ms (DATABASE_LOCK_TIMEOUT_MS) for a row or table another transaction holds`
      : failure.sqlState === '57014' && failure.message.includes('statement timeout')
        ? `ran longer than ${timeouts.statementTimeoutMs} ms (DATABASE_STATEMENT_TIMEOUT_MS)`
        : undefined;
  if (!timeout) return undefined;
  return new GraphQLError(
    `The database stopped this request: it ${timeout}. Nothing was changed; retry later.`,
    { ...at, extensions: { code: 'DATABASE_TIMEOUT', sqlState: failure.sqlState } },
  );
}

/**
 * Errors of the database that are not the service's fault get their own answer instead of the
 * masked INTERNAL_SERVER_ERROR: a value PostgreSQL cannot store is BAD_USER_INPUT, a lock or
 * statement timeout is DATABASE_TIMEOUT. Runs before yoga masks unexpected errors.
 */
export function useDatabaseErrors(timeouts: DatabaseTimeouts): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: (payload) =>
        handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
          if (!result.errors?.some((error) => databaseFailureOf(error.originalError))) return;
          setResult({
            ...result,
            errors: result.errors.map((error) => {
              const failure = databaseFailureOf(error.originalError);
              return (failure && translate(error, failure, timeouts)) ?? error;
            }),
          });
        }),
    }),
  };
}
