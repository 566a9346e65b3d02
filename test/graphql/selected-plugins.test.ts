import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { pluginsReadBy, selectionsAt } from '../../src/graphql/selected-plugins.js';

const PLUGINS = ['GlueDataOutput', 'SnowflakeDataOutput', 'S3DataOutput'];

/** The plugins whose rows the `nodes` (and `edges.node`) of the first field in `query` read. */
function read(query: string): string[] {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const field = operation?.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error('the query must start with a field');
  const info = { fieldNodes: [field], fragments };
  return pluginsReadBy(
    {
      kind: Kind.SELECTION_SET,
      selections: [
        ...selectionsAt(info, ['nodes']).selections,
        ...selectionsAt(info, ['edges', 'node']).selections,
      ],
    },
    PLUGINS,
    fragments,
  );
}

describe('which plugin rows a selection of configurations reads', () => {
  it('shared fields from the base row read none', () => {
    expect(
      read(
        '{ list { nodes { __typename id plugin platform createdAt updatedAt owner { namespace } } } }',
      ),
    ).toEqual([]);
  });

  it('a fragment on one plugin reads that plugin only, however it is spelled', () => {
    expect(read('{ list { nodes { id ... on GlueDataOutput { table } } } }')).toEqual([
      'GlueDataOutput',
    ]);
    expect(
      read('{ list { edges { node { ...s3 } } } } fragment s3 on S3DataOutput { bucket }'),
    ).toEqual(['S3DataOutput']);
    expect(
      read(
        '{ list { nodes { ... { ... on SnowflakeDataOutput { ... on DataOutputConfiguration { resultString } } } } } }',
      ),
    ).toEqual(['SnowflakeDataOutput']);
  });

  it('a fragment selecting only shared fields reads nothing', () => {
    expect(read('{ list { nodes { ... on GlueDataOutput { id createdAt } } } }')).toEqual([]);
  });

  it('a shared field rendered from the columns reads every plugin', () => {
    expect(read('{ list { nodes { resultString } } }')).toEqual(PLUGINS);
    expect(
      read(
        '{ list { a: nodes { id } b: nodes { ...card } } } fragment card on DataOutputConfiguration { consoleUrl { url } }',
      ),
    ).toEqual(PLUGINS);
  });

  it('fields elsewhere on the connection read none', () => {
    expect(read('{ list { totalCount pageInfo { endCursor } edges { cursor } } }')).toEqual([]);
  });

  it('a fragment spread inside itself does not loop', () => {
    expect(
      read('{ list { nodes { ...a } } } fragment a on DataOutputConfiguration { id ...a }'),
    ).toEqual([]);
  });
});
