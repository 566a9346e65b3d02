import {
  type DocumentNode,
  type ExecutionResult,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

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

interface Variants {
  generation: number;
  results: Map<string, ExecutionResult>;
}

export interface StaticResultsOptions {
  /** Root Query fields whose answers change only when `generation()` does. */
  fields: ReadonlySet<string>;
  /** A number that moves whenever those answers may change (e.g. the platform settings' generation). */
  generation: () => number | Promise<number>;
  /** Answers kept per query text, one per set of variables; default 64. */
  maxVariantsPerDocument?: number;
}

/**
 * A yoga plugin that answers repeated queries over `fields` from memory, without executing them
 * again. Yoga hands out the same DocumentNode for the same query text (its parse cache), so a
 * lookup is a few map reads; other operations pass untouched. Results with errors are never kept.
 */
export function useStaticResults({
  fields: staticFields,
  generation,
  maxVariantsPerDocument = 64,
}: StaticResultsOptions): Plugin {
  const cacheable = new WeakMap<DocumentNode, Map<string, boolean>>();
  const cached = new WeakMap<DocumentNode, Variants>();
  return {
    async onExecute({ args, setExecuteFn }) {
      const { document, operationName } = args;
      const byName = cacheable.get(document) ?? new Map<string, boolean>();
      cacheable.set(document, byName);
      const nameKey = operationName ?? '';
      if (!byName.has(nameKey))
        byName.set(
          nameKey,
          selectsOnlyStaticFields(selectedOperation(document, operationName), staticFields),
        );
      if (!byName.get(nameKey)) return;

      const current = await generation();
      const key = JSON.stringify([nameKey, args.variableValues ?? {}]);
      const known = cached.get(document);
      const hit = known?.generation === current ? known.results.get(key) : undefined;
      if (hit) {
        setExecuteFn(() => hit);
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (!isExecutionResult(result) || result.errors) return;
          const variants = cached.get(document);
          // A result computed from older settings than the newest cached ones is not kept.
          if (variants && variants.generation > current) return;
          const fresh =
            variants?.generation === current
              ? variants
              : { generation: current, results: new Map<string, ExecutionResult>() };
          if (fresh.results.size < maxVariantsPerDocument) fresh.results.set(key, result);
          cached.set(document, fresh);
        },
      };
    },
  };
}
