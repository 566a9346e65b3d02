import {
  coerceInputValue,
  type GraphQLError,
  getOperationAST,
  isInputType,
  typeFromAST,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { InputIssue } from '../validation/issues.js';
import { badUserInput } from './errors.js';

// graphql-js reports a missing or unknown field at the path of the object that holds it; the
// field's name is in the message, so the issue's path can name the field itself.
const FIELD_IN_MESSAGE = /^Field "(\w+)" (?:of required type|is not defined by type)/;

function issueOf(
  variable: string,
  path: ReadonlyArray<string | number>,
  error: GraphQLError,
): InputIssue {
  const field = FIELD_IN_MESSAGE.exec(error.message)?.[1];
  return { path: [variable, ...path, ...(field ? [field] : [])], message: error.message };
}

/**
 * Variables the schema's input types refuse (a missing required field, a wrong type, an unknown
 * field, a bad enum value, two fields of a `@oneOf`) get the same structured error as values a
 * plugin refuses: BAD_USER_INPUT with every offending path. graphql-js would report them only as
 * text. Nothing executes when there is one. Literals written into the query are checked by
 * GraphQL validation before this, as usual.
 */
export function useStructuredVariableErrors(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const definitions = operation?.variableDefinitions ?? [];
      const issues: InputIssue[] = [];
      for (const definition of definitions) {
        const name = definition.variable.name.value;
        const type = typeFromAST(args.schema, definition.type);
        const value = (args.variableValues as Record<string, unknown> | undefined)?.[name];
        // Unknown types and absent variables are left to graphql-js, which reports them well.
        if (!type || !isInputType(type) || value === undefined) continue;
        coerceInputValue(value, type, (path, _invalid, error) =>
          issues.push(issueOf(name, path, error)),
        );
      }
      if (issues.length > 0)
        setResultAndStopExecution({ errors: [badUserInput('Invalid input', issues)] });
    },
  };
}
