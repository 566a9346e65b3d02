import { Kind, type DocumentNode, type ExecutionResult, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const MAX_VARIANTS_PER_DOCUMENT = 64;

function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

function selectsOnlyStaticFields(operation: OperationDefinitionNode | undefined, staticFields: ReadonlySet<string>): boolean {
  if (operation?.operation !== 'query') return false;
  const names = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : undefined));
  return names.some((name) => name !== undefined && staticFields.has(name)) && names.every((name) => name === '__typename' || (name !== undefined && staticFields.has(name)));
}

function isExecutionResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

/**
 * A yoga plugin that answers repeated queries over `staticFields` (root Query fields whose answers
 * are fixed for the life of the process) from memory, without executing them again. Yoga hands out
 * the same DocumentNode for the same query text (its parse cache), so a lookup is two map reads;
 * other operations pass untouched. Results with errors are never kept.
 */
export function useStaticResults(staticFields: ReadonlySet<string>): Plugin {
  const cacheable = new WeakMap<DocumentNode, Map<string, boolean>>();
  const results = new WeakMap<DocumentNode, Map<string, ExecutionResult>>();
  return {
    onExecute({ args, setExecuteFn }) {
      const { document, operationName } = args;
      const byName = cacheable.get(document) ?? new Map<string, boolean>();
      cacheable.set(document, byName);
      const nameKey = operationName ?? '';
      if (!byName.has(nameKey)) byName.set(nameKey, selectsOnlyStaticFields(selectedOperation(document, operationName), staticFields));
      if (!byName.get(nameKey)) return;

      const key = JSON.stringify([nameKey, args.variableValues ?? {}]);
      const known = results.get(document);
      const hit = known?.get(key);
      if (hit) {
        setExecuteFn(() => hit);
        return;
      }
      return {
        onExecuteDone({ result }) {
          if (!isExecutionResult(result) || result.errors) return;
          const variants = known ?? new Map<string, ExecutionResult>();
          if (variants.size < MAX_VARIANTS_PER_DOCUMENT) variants.set(key, result);
          results.set(document, variants);
        },
      };
    },
  };
}
