import type { DiffTarget, SchemaFilter } from '@prisma/schema-engine-wasm';
import { withSchemaEngine } from '../../src/db/schema-engine.js';
import { offlineAdapterFactory } from './offline-adapters.js';

function target(datamodel: string | null): DiffTarget {
  return datamodel === null
    ? { tag: 'empty' }
    : { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: datamodel }] };
}

/**
 * The SQL Prisma's engine generates to migrate a database from datamodel `from` (`null`: empty
 * database) to datamodel `to` — what `prisma migrate diff --script` prints, and the script to put
 * in a new `migration.sql`. Computed without a database. Both are full Prisma schemas whose
 * datasource decides the SQL dialect. No change gives Prisma's "-- This is an empty migration.".
 * Invalid schemas reject with Prisma's validation report (error code P1012). `filters` as
 * `tables.external` / `enums.external` in prisma.config.ts.
 */
export async function diffDatamodels(
  from: string | null,
  to: string,
  filters?: SchemaFilter,
): Promise<string> {
  return withSchemaEngine(offlineAdapterFactory(), async (handle) => {
    try {
      const result = await handle.engine.diff({
        from: target(from),
        to: target(to),
        script: true,
        exitCode: null,
        filters: filters ?? { externalTables: [], externalEnums: [] },
      });
      return result.stdout ?? '';
    } catch (error) {
      throw handle.explain(error);
    }
  });
}
