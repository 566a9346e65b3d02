import {
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
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
  operation: OperationDefinitionNode,
  raw: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined {
  const definitions = operation.variableDefinitions ?? [];
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

interface Entry {
  result: ExecutionResult;
  /** Length of the answer as JSON: what it costs to keep, roughly. */
  size: number;
}

interface Plan {
  cacheable: boolean;
  operation: OperationDefinitionNode | undefined;
  /** Stands for the document in keys (documents are compared by identity). */
  id: number;
}

export interface StaticResultsOptions {
  /** Root Query fields whose answers change only when `generation()` does. */
  fields: ReadonlySet<string>;
  /** A number that moves whenever those answers may change (e.g. the platform settings' generation). */
  generation: () => number | Promise<number>;
  /** Answers kept at most; default 1,000. */
  maxEntries?: number;
  /** Characters of JSON (answers and keys) kept at most; default 8 Mi. */
  maxSize?: number;
  /** An answer (with its key) larger than this is not kept; default 256 Ki characters. */
  maxEntrySize?: number;
}

/**
 * A yoga plugin that answers repeated queries over `fields` from memory, without executing them
 * again. Yoga hands out the same DocumentNode for the same query text (its parse cache); the
 * key is that document, the operation and its declared variables, coerced. The answers live in
 * one LRU bounded in entries and in size, so no stream of distinct requests grows it; other
 * operations pass untouched. Results with errors are never kept.
 */
export function useStaticResults({
  fields: staticFields,
  generation,
  maxEntries = 1000,
  maxSize = 8 * 1024 * 1024,
  maxEntrySize = 256 * 1024,
}: StaticResultsOptions): Plugin {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  let nextId = 0;
  const cache = new LRUCache<string, Entry>({
    max: maxEntries,
    maxSize,
    maxEntrySize,
    sizeCalculation: (entry, key) => entry.size + key.length,
  });
  // The generation the cached answers were computed at; an older answer is never kept.
  let cachedGeneration = Number.NEGATIVE_INFINITY;

  const planOf = (document: DocumentNode, operationName: string): Plan => {
    let byName = plans.get(document);
    if (!byName) {
      byName = new Map();
      plans.set(document, byName);
    }
    let plan = byName.get(operationName);
    if (!plan) {
      const operation = selectedOperation(document, operationName || undefined);
      const cacheable = selectsOnlyStaticFields(operation, staticFields);
      plan = { cacheable, operation, id: nextId++ };
      byName.set(operationName, plan);
    }
    return plan;
  };

  return {
    async onExecute({ args, setExecuteFn }) {
      const nameKey = args.operationName ?? '';
      const plan = planOf(args.document, nameKey);
      if (!plan.cacheable || !plan.operation) return;
      const variables = variablesKey(
        args.schema,
        plan.operation,
        args.variableValues as Record<string, unknown> | undefined,
      );
      if (variables === undefined) return;

      const current = await generation();
      if (current > cachedGeneration) {
        cache.clear();
        cachedGeneration = current;
      }
      const key = `${plan.id}\u0000${nameKey}\u0000${variables}`;
      const hit = cache.get(key);
      if (hit) {
        setExecuteFn(() => hit.result);
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (!isExecutionResult(result) || result.errors) return;
          // Settings changed while this ran: the answer may already be stale.
          if (cachedGeneration !== current) return;
          const size = JSON.stringify(result).length;
          if (size + key.length <= maxEntrySize) cache.set(key, { result, size });
        },
      };
    },
  };
}
