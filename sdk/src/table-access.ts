import { z } from 'zod';
import { formField, storedField } from './field.js';
import { IDENTIFIER_MAX_LENGTH, identifier, TEXT_MAX_LENGTH, text } from './text.js';

/**
 * Building blocks for warehouse-style platforms (a container such as a database or catalog,
 * then a schema, then a table): the access granularity, the table and the resolved paths,
 * with the save rules every such platform applies.
 *
 * @public
 */
export const accessGranularity = z.enum(['schema', 'table']).meta({
  id: 'AccessGranularity',
  description: 'Whether write access covers a whole schema or a single table.',
});

/** @public */
export type AccessGranularity = z.infer<typeof accessGranularity>;

/**
 * The container a data output lives in (a database or catalog): a select whose options come
 * from the platform setting `optionsFrom`, pre-filled with the namespace when not source aligned.
 *
 * @public
 */
export function containerField(label: string, description: string, optionsFrom: string) {
  return formField(identifier(), {
    label,
    description,
    widget: 'select',
    optionsFrom,
    useNamespaceWhenNotSourceAligned: true,
  });
}

/**
 * The schema field of platforms that have one (Snowflake, Databricks, Redshift). It may be sent
 * empty, as the portal allows: the resulting path then leaves it out.
 *
 * @public
 */
export const schemaField = formField(text(IDENTIFIER_MAX_LENGTH), {
  label: 'Schema',
  tooltip: 'The name of the schema to give write access to. Defaults to data product namespace',
});

/**
 * The stored path field of a container, by its name (`databasePath`, `catalogPath`).
 *
 * @public
 */
export type PathFields<P extends string> = { [K in P]: z.ZodDefault<z.ZodString> };

/**
 * The shared fields, in form order after the platform's own fields. `pathField` names the stored
 * path of the container (`databasePath`, `catalogPath`).
 *
 * @public
 */
export function tableAccessFields<P extends string>(pathField: P, containerName: string) {
  const path = {
    [pathField]: storedField(text(TEXT_MAX_LENGTH).default(''), {
      description: `Resolved path of the ${containerName}; an empty value defaults to the ${containerName}.`,
    }),
  } as PathFields<P>;
  return {
    accessGranularity: formField(accessGranularity.default('schema'), {
      label: 'Access granularity',
      tooltip: 'Give write access to the entire schema or a single table',
      widget: 'radio',
      optionLabels: { schema: 'Schema level', table: 'Table level' },
    }),
    table: formField(identifier().default('*'), {
      label: 'Table',
      tooltip: 'The name of the table to give write access to',
      dependsOn: [{ field: 'accessGranularity', value: 'table' }],
    }),
    bucketIdentifier: storedField(text(IDENTIFIER_MAX_LENGTH).default(''), {
      description: 'Identifier of the storage bucket that holds the data.',
    }),
    ...path,
    tablePath: storedField(text(TEXT_MAX_LENGTH).default(''), {
      description: 'Resolved path of the table; an empty value defaults to the table.',
    }),
  };
}

/**
 * The fields the table access rules read.
 *
 * @public
 */
export interface TableAccessValue {
  accessGranularity: AccessGranularity;
  table: string;
  tablePath: string;
}

/**
 * The save rules: schema granularity grants the whole schema, so the table is `*`; empty paths
 * default to the container and to the table.
 *
 * @public
 */
export function tableAccessRules<C extends string, P extends string>(
  containerField: C,
  pathField: P,
) {
  return <T extends TableAccessValue & Record<C | P, string>>(value: T): T => {
    const table = value.accessGranularity === 'schema' ? '*' : value.table;
    return {
      ...value,
      table,
      [pathField]: value[pathField] || value[containerField],
      tablePath: value.tablePath || table,
    };
  };
}
