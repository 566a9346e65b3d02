import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { post, startTestService } from '../support/service.js';

describe('the request deadline (REQUEST_TIMEOUT_MS)', () => {
  let db: ScratchDatabase;
  let service: Service;
  beforeAll(async () => {
    db = await createScratchDatabase('portal_deadline');
    service = await startTestService({ DATABASE_URL: db.url, REQUEST_TIMEOUT_MS: '1500' });
  });
  afterAll(async () => {
    await service?.close();
    await db?.drop();
  });

  it('answers a request stuck behind a lock with 504 DEADLINE_EXCEEDED, and keeps serving others', async () => {
    await db.query('BEGIN');
    await db.query('LOCK TABLE data_output_configurations IN ACCESS EXCLUSIVE MODE');
    try {
      const started = performance.now();
      const stuck = post(service, { query: '{ dataOutputConfigurations { totalCount } }' });
      const other = await post(service, { query: '{ plugins { name } }' });
      expect(other.status).toBe(200);
      const answer = await stuck;
      const took = performance.now() - started;
      expect(answer.status).toBe(504);
      expect(answer.body.errors?.[0]).toMatchObject({
        message:
          'The request did not finish within 1500 ms (REQUEST_TIMEOUT_MS). A mutation may still have been applied: read before retrying it.',
        extensions: { code: 'DEADLINE_EXCEEDED' },
      });
      expect(took).toBeGreaterThanOrEqual(1400);
      expect(took).toBeLessThan(10_000);
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
