import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import {
  configureAllPlatforms,
  create,
  type Form,
  fill,
  formOf,
} from '../support/portal-client.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';

const UPDATE =
  'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id ... on GlueDataOutput { databaseSuffix } } }';
const DELETE = 'mutation($id: ID!) { deleteDataOutputConfiguration(id: $id) { id } }';

describe('a row locked by another transaction (PostgreSQL, DATABASE_LOCK_TIMEOUT_MS)', () => {
  let db: ScratchDatabase;
  let service: Service;
  let other: pg.Client;
  let glue: Form;
  let id: string;
  beforeAll(async () => {
    db = await createScratchDatabase('portal_locks');
    service = await startTestService({ DATABASE_URL: db.url, DATABASE_LOCK_TIMEOUT_MS: '300' });
    await configureAllPlatforms(service);
    glue = await formOf(service, 'GlueDataOutput');
    id = (await create(service, glue, fill(glue, 0))).data!.createDataOutputConfiguration.id;
    other = new pg.Client({ connectionString: db.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await service?.close();
    await db?.drop();
  });

  async function whileLocked<T>(sql: string, run: () => Promise<T>): Promise<T> {
    await other.query('BEGIN');
    try {
      await other.query(sql);
      return await run();
    } finally {
      await other.query('ROLLBACK');
    }
  }

  async function stored() {
    return db.query(
      `SELECT b.updated_at, g.database_suffix FROM data_output_configurations b JOIN glue_data_outputs g USING (id) WHERE id = '${id}'`,
    );
  }

  it.each([
    [
      'an update, its plugin row locked',
      UPDATE,
      `SELECT 1 FROM glue_data_outputs WHERE id = '$ID' FOR UPDATE`,
    ],
    [
      'an update, its base row locked',
      UPDATE,
      `SELECT 1 FROM data_output_configurations WHERE id = '$ID' FOR UPDATE`,
    ],
    [
      'a delete, its base row locked',
      DELETE,
      `SELECT 1 FROM data_output_configurations WHERE id = '$ID' FOR UPDATE`,
    ],
  ])('%s: a clear error, nothing changed', async (_case, mutation, lock) => {
    const before = await stored();
    const response = await whileLocked(lock.replace('$ID', id), () =>
      graphql(service, mutation, { id, input: { glue: fill(glue, 1) } }),
    );
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.map((e) => e.extensions)).toEqual([
      { code: 'DATABASE_TIMEOUT', sqlState: '55P03' },
    ]);
    expect(response.errors?.[0]?.message).toBe(
      'The database stopped this request: it waited 300 ms (DATABASE_LOCK_TIMEOUT_MS) for a row or table another transaction holds. Nothing was changed; retry later.',
    );
    expect(await stored()).toEqual(before);
  });

  it('once the lock is gone the same update goes through', async () => {
    const response = await graphql<{ updateDataOutputConfiguration: { databaseSuffix: string } }>(
      service,
      UPDATE,
      { id, input: { glue: fill(glue, 1) } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.updateDataOutputConfiguration.databaseSuffix).toBe('databaseSuffix_1');
  });
});
