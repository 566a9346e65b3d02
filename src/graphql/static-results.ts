import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

function selectedOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
}

function selectsOnlyStaticFields(
  operation: OperationDefinitionNode | undefined,
  staticFields: ReadonlySet<string>,
): boolean {
  if (operation?.operation !== 'query') return false;
  const names = operation.selectionSet.selections.map((s) =>
    s.kind === Kind.FIELD ? s.name.value : undefined,
  );
  return (
    names.some((name) => name !== undefined && staticFields.has(name)) &&
    names.every((name) => name === '__typename' || (name !== undefined && staticFields.has(name)))
  );
}

function isExecutionResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

/**
 * The operation's own variables, coerced as execution will see them (defaults applied), in
 * declaration order; undefined when they do not coerce (execution reports that). Variables the
 * operation does not declare are not part of the answer, so they are not part of the key.
 */
function variablesKey(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  raw: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  if (definitions.length === 0) return '';
  const { coerced } = getVariableValues(schema, definitions, raw ?? {});
  if (coerced === undefined) return undefined;
  return JSON.stringify(
    definitions
      .map((d) => d.variable.name.value)
      .filter((name) => Object.hasOwn(coerced, name))
      .map((name) => [name, coerced[name]]),
  );
}

/**
 * A copy without source locations: a node's location links to every token of its document, so
 * keeping the node would keep the whole parsed document alive.
 */
function detached(definitions: readonly VariableDefinitionNode[]): VariableDefinitionNode[] {
  return JSON.parse(
    JSON.stringify(definitions, (key, value: unknown) => (key === 'loc' ? undefined : value)),
  ) as VariableDefinitionNode[];
}

interface Entry {
  result: ExecutionResult;
  /** Length of the answer as JSON: what it costs to keep, roughly. */
  size: number;
}

/** What the log needs of an operation. */
export interface OperationLabel {
  name: string | null;
  type: OperationTypeNode;
}

interface Plan {
  cacheable: boolean;
  operation: OperationLabel;
  /** The operation's variable definitions, detached from the document (see `detached`). */
  variables: readonly VariableDefinitionNode[];
  schema: GraphQLSchema;
  /** Stands for the query text and operation name in the answers' keys. */
  id: number;
}

export interface StaticResultsOptions {
  /** Root Query fields whose answers change only when `generation()` does. */
  fields: ReadonlySet<string>;
  /** A number that moves whenever those answers may change (e.g. the platform settings' generation). */
  generation: () => number | Promise<number>;
  /** Called with the operation when an answer comes from memory (nothing else sees it run). */
  onServed?: (operation: OperationLabel) => void;
  /** Answers kept at most; default 1,000. */
  maxEntries?: number;
  /** Characters of JSON (answers and keys) kept at most; default 8 Mi. */
  maxSize?: number;
  /** An answer (with its key) larger than this is not kept; default 256 Ki characters. */
  maxEntrySize?: number;
}

const MAX_QUERY_TEXT = 4 * 1024 * 1024;

/**
 * A yoga plugin that answers repeated queries over `fields` from memory. The key is the query
 * text, the operation and its declared variables, coerced (undeclared ones change nothing). A
 * query text seen once is answered from memory as soon as its parameters are read, before it is
 * parsed, validated or executed again. The answers live in one LRU bounded in entries and in size,
 * so no stream of distinct requests grows it; other operations pass untouched. Results with
 * errors are never kept.
 */
export function useStaticResults({
  fields: staticFields,
  generation,
  onServed,
  maxEntries = 1000,
  maxSize = 8 * 1024 * 1024,
  maxEntrySize = 256 * 1024,
}: StaticResultsOptions): Plugin {
  let nextId = 0;
  // What each query text (and operation name) selects, learnt when it first executes.
  const plans = new LRUCache<string, Plan>({
    max: 1000,
    maxSize: MAX_QUERY_TEXT,
    sizeCalculation: (_plan, text) => Math.max(1, text.length),
  });
  const answers = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize,
    maxEntrySize,
    sizeCalculation: (entry, key) => entry.size + key.length,
  });
  // The generation the cached answers were computed at; an older answer is never kept.
  let cachedGeneration = Number.NEGATIVE_INFINITY;

  /** The answer's key, and the generation it belongs to; undefined when variables do not coerce. */
  const keyOf = async (plan: Plan, raw: unknown) => {
    const variables = variablesKey(
      plan.schema,
      plan.variables,
      raw as Record<string, unknown> | undefined,
    );
    if (variables === undefined) return undefined;
    const current = await generation();
    if (current > cachedGeneration) {
      answers.clear();
      cachedGeneration = current;
    }
    return { key: `${plan.id}\u0000${variables}`, current };
  };

  return {
    async onParams({ params, setResult }) {
      if (!params.query) return;
      const plan = plans.get(`${params.operationName ?? ''}\u0000${params.query}`);
      if (!plan?.cacheable) return;
      const keyed = await keyOf(plan, params.variables);
      const hit = keyed && answers.get(keyed.key);
      if (!hit) return;
      onServed?.(plan.operation);
      setResult(hit.result);
    },
    async onExecute({ args }) {
      const text = (args.contextValue as { params?: { query?: string } }).params?.query;
      if (!text) return;
      const textKey = `${args.operationName ?? ''}\u0000${text}`;
      let plan = plans.get(textKey);
      if (!plan) {
        const operation = selectedOperation(args.document, args.operationName);
        plan = {
          cacheable: operation !== undefined && selectsOnlyStaticFields(operation, staticFields),
          operation: {
            name: operation?.name?.value ?? null,
            type: operation?.operation ?? OperationTypeNode.QUERY,
          },
          variables: detached(operation?.variableDefinitions ?? []),
          schema: args.schema,
          id: nextId++,
        };
        plans.set(textKey, plan);
      }
      if (!plan.cacheable) return;
      const keyed = await keyOf(plan, args.variableValues);
      if (!keyed) return;
      const { key, current } = keyed;
      return {
        onExecuteDone({ result }) {
          if (!isExecutionResult(result) || result.errors) return;
          // Settings changed while this ran: the answer may already be stale.
          if (cachedGeneration !== current) return;
          const size = JSON.stringify(result).length;
          if (size + key.length <= maxEntrySize) answers.set(key, { result, size });
        },
      };
    },
  };
}
