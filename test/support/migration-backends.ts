import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createEmptyPglite } from '../../tools/migrations/empty-pglite.js';
import { createScratchDatabase, type Row } from './postgres.js';

/** A database the migration tests run the schema engine against. */
export interface MigrationBackend {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  query(sql: string): Promise<Row[]>;
  /** PostgreSQL: every engine connection is closed on dispose, which releases Prisma's advisory lock. */
  checksLockRelease: boolean;
  close(): Promise<void>;
}

export async function pgliteBackend(): Promise<MigrationBackend> {
  const db = await createEmptyPglite();
  return {
    adapterFactory: new PrismaPGlite(db),
    query: async (sql) => (await db.query<Row>(sql)).rows,
    checksLockRelease: false,
    close: () => db.close(),
  };
}

/** A fresh database on the test PostgreSQL server, named with `prefix`. */
export async function postgresBackend(prefix: string): Promise<MigrationBackend> {
  const db = await createScratchDatabase(prefix);
  return {
    adapterFactory: new PrismaPg({ connectionString: db.url }),
    query: db.query,
    checksLockRelease: true,
    close: db.drop,
  };
}
