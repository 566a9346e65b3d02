import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface ScratchDatabase {
  url: string;
  query(sql: string): Promise<Row[]>;
  drop(): Promise<void>;
}

/**
 * A uniquely named database on the test PostgreSQL server (TEST_POSTGRES_URL, default the local
 * server every machine of this project runs), dropped again by `drop`.
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    query: async (sql) => (await client.query<Row>(sql)).rows,
    drop: async () => {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
