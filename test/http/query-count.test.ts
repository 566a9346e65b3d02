import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { captureLogs, type LogLine } from '../support/logs.js';
import { configureAllPlatforms, create, fill, formOf, ok } from '../support/portal-client.js';
import { startTestService } from '../support/service.js';

const PAGE = `query($first: Int!) { dataOutputConfigurations(first: $first) {
  edges { cursor node { id plugin platform createdAt updatedAt
    ... on GlueDataOutput { database table tablePath }
    ... on SnowflakeDataOutput { database schema }
    ... on DatabricksDataOutput { catalog schema }
    ... on RedshiftDataOutput { database schema } } }
  pageInfo { hasNextPage endCursor } } }`;

describe('listing costs a bounded number of SQL queries (no N+1)', () => {
  let service: Service;
  // The service's debug lines include every SQL statement it sends.
  let lines: LogLine[] = [];

  beforeAll(async () => {
    const captured = await captureLogs('debug');
    lines = captured.lines;
    service = await startTestService({ LOG_LEVEL: 'debug' }, captured.logger);
    await configureAllPlatforms(service);
    for (const plugin of [
      'GlueDataOutput',
      'SnowflakeDataOutput',
      'DatabricksDataOutput',
      'RedshiftDataOutput',
    ]) {
      const form = await formOf(service, plugin);
      await Promise.all(Array.from({ length: 10 }, (_, i) => create(service, form, fill(form, i))));
    }
  });
  afterAll(() => service?.close());

  async function statementsFor(first: number): Promise<number> {
    lines.length = 0;
    const data = await ok<{ dataOutputConfigurations: { edges: unknown[] } }>(service, PAGE, {
      first,
    });
    expect(data.dataOutputConfigurations.edges).toHaveLength(first);
    return lines.filter((line) => line.msg.startsWith('SQL ')).length;
  }

  it('a page of 40 costs what a page of 2 does: the base table once and each plugin table once', async () => {
    const small = await statementsFor(2);
    const large = await statementsFor(40);
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(1 + 4);
  });
});
