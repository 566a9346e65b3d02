import {
  coerceInputValue,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInputObjectType,
  isInputType,
  isListType,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { InputIssue } from '../validation/issues.js';
import { badUserInput } from './errors.js';

// graphql-js reports a missing or unknown field at the path of the object that holds it; the
// field's name is in the message, so the issue's path can name the field itself.
const FIELD_IN_MESSAGE = /^Field "(\w+)" (?:of required type|is not defined by type)/;

type Path = Array<string | number>;

/** Where a variable is used: its path from the argument, and the argument's type. */
interface Place {
  path: Path;
  argumentType: GraphQLInputType;
}

/**
 * The place of each variable in the operation, from its first use: `createX(input: { glue: $g })`
 * puts `$g` at `['input', 'glue']`. Issues then speak of the mutation's argument, as the issues
 * the resolvers raise do, whatever the variable is called.
 */
function variablePlaces(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
) {
  const places = new Map<string, Place>();
  const operation = getOperationAST(document, operationName);
  if (!operation) return places;
  const typeInfo = new TypeInfo(schema);
  const trail: Path = [];
  let argumentType: GraphQLInputType | undefined;
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter: (node) => {
          trail.push(node.name.value);
          argumentType = typeInfo.getArgument()?.type;
        },
        leave: () => void trail.pop(),
      },
      ObjectField: {
        enter: (node) => void trail.push(node.name.value),
        leave: () => void trail.pop(),
      },
      Variable: (node) => {
        if (trail.length > 0 && argumentType && !places.has(node.name.value))
          places.set(node.name.value, { path: [...trail], argumentType });
      },
    }),
  );
  return places;
}

/**
 * The part of a path inside the member of the first `@oneOf` input it passes through (the
 * configuration of one plugin); empty when it stops at or before the member.
 */
function fieldOf(type: GraphQLInputType, path: Path): Path {
  let current: GraphQLInputType = type;
  for (const [index, segment] of path.entries()) {
    const nullable = getNullableType(current);
    if (typeof segment === 'number') {
      if (!isListType(nullable)) return [];
      current = nullable.ofType;
      continue;
    }
    const named = getNamedType(nullable);
    if (!isInputObjectType(named)) return [];
    if (named.isOneOf) return path.slice(index + 1);
    const next = named.getFields()[segment];
    if (!next) return [];
    current = next.type;
  }
  return [];
}

function issueOf(place: Place, path: Path, error: GraphQLError): InputIssue {
  const missing = FIELD_IN_MESSAGE.exec(error.message)?.[1];
  const inside = [...path, ...(missing ? [missing] : [])];
  const full = [...place.path, ...inside];
  // The first step is the argument itself; fieldOf walks on from the argument's type.
  return { path: full, field: fieldOf(place.argumentType, full.slice(1)), message: error.message };
}

/**
 * Variables the schema's input types refuse (a missing required field, a wrong type, an unknown
 * field, a bad enum value, two fields of a `@oneOf`) get the same structured error as values a
 * plugin refuses: BAD_USER_INPUT with every offending `path` and `field`. graphql-js would report
 * them only as text. Nothing executes when there is one. As GraphQL over HTTP asks of a request
 * whose variables cannot be coerced, the answer is HTTP 400 (`spec`: 200 for `application/json`).
 * Literals written into the query are checked by GraphQL validation before this, as usual.
 */
export function useStructuredVariableErrors(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      const definitions = operation?.variableDefinitions ?? [];
      const values = args.variableValues as Record<string, unknown> | undefined;
      // Most operations have valid variables: the document is walked only when one is not.
      let places: Map<string, Place> | undefined;
      const issues: InputIssue[] = [];
      for (const definition of definitions) {
        const name = definition.variable.name.value;
        const type = typeFromAST(args.schema, definition.type);
        const value = values?.[name];
        // Unknown types and absent variables are left to graphql-js, which reports them well.
        if (!type || !isInputType(type) || value === undefined) continue;
        coerceInputValue(value, type, (path, _invalid, error) => {
          places ??= variablePlaces(args.schema, args.document, args.operationName);
          const place = places.get(name) ?? { path: [name], argumentType: type };
          issues.push(issueOf(place, path as Path, error));
        });
      }
      if (issues.length > 0) {
        const error = badUserInput('Invalid input', issues);
        error.extensions.http = { status: 400, spec: true };
        setResultAndStopExecution({ errors: [error] });
      }
    },
  };
}
