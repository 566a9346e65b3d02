import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  Kind,
  type SelectionSetNode,
} from 'graphql';

/**
 * Fields of a configuration that come from its base row alone. Any other field (a plugin's own
 * columns, or a shared field rendered from them such as `resultString`) needs the plugin row.
 */
const BASE_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'plugin',
  'platform',
  'createdAt',
  'updatedAt',
  'owner',
]);

type Fragments = GraphQLResolveInfo['fragments'];

/**
 * Which plugins' rows a selection of configurations reads: `... on GlueDataOutput { table }`
 * needs Glue's, a shared field that renders from the columns needs every plugin's, `id plugin`
 * needs none. `@skip`/`@include` are not evaluated: a field under them counts (more is loaded,
 * never less).
 */
export function pluginsReadBy(
  selection: SelectionSetNode | undefined,
  plugins: readonly string[],
  fragments: Fragments,
): string[] {
  const needed = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, typeName: string | null, seen: Set<string>) => {
    for (const node of set?.selections ?? []) {
      if (node.kind === 'Field') {
        if (!BASE_FIELDS.has(node.name.value)) {
          if (typeName === null) for (const p of plugins) needed.add(p);
          else if (plugins.includes(typeName)) needed.add(typeName);
        }
        continue;
      }
      let fragment: {
        typeCondition?: FragmentDefinitionNode['typeCondition'];
        selectionSet: SelectionSetNode;
      };
      let inside = seen;
      if (node.kind === 'InlineFragment') fragment = node;
      else {
        const name = node.name.value;
        const definition = fragments[name];
        // A spread already being visited adds nothing (and would not end).
        if (!definition || seen.has(name)) continue;
        fragment = definition;
        inside = new Set(seen).add(name);
      }
      // A type condition naming the interface keeps the enclosing type; an object type narrows it.
      const condition = fragment.typeCondition?.name.value;
      const narrowed = condition && condition !== 'DataOutputConfiguration' ? condition : typeName;
      visit(fragment.selectionSet, narrowed, inside);
    }
  };
  visit(selection, null, new Set());
  return plugins.filter((p) => needed.has(p));
}

/**
 * The selection under `path` (e.g. `nodes`, or `edges` then `node`) of the field being resolved,
 * merged over every occurrence and alias.
 */
export function selectionsAt(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
): SelectionSetNode {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    const collect = (set: SelectionSetNode | undefined, seen: Set<string>) => {
      for (const node of set?.selections ?? []) {
        if (node.kind === 'Field') {
          if (node.name.value === name) next.push(node);
        } else if (node.kind === 'InlineFragment') collect(node.selectionSet, seen);
        else if (!seen.has(node.name.value)) {
          collect(
            info.fragments[node.name.value]?.selectionSet,
            new Set(seen).add(node.name.value),
          );
        }
      }
    };
    for (const field of level) collect(field.selectionSet, new Set());
    level = next;
  }
  return {
    kind: Kind.SELECTION_SET,
    selections: level.flatMap((field) => field.selectionSet?.selections ?? []),
  };
}
