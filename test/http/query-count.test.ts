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

describe('listing costs one SQL statement (no N+1)', () => {
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

  async function statementsOf(query: string, first: number): Promise<string[]> {
    lines.length = 0;
    const data = await ok<{ dataOutputConfigurations: { edges?: unknown[]; nodes?: unknown[] } }>(
      service,
      query,
      { first },
    );
    const page = data.dataOutputConfigurations;
    expect((page.edges ?? page.nodes)?.length).toBe(first);
    return lines.filter((line) => line.msg.startsWith('SQL ')).map((line) => line.msg);
  }

  it('a page is one SQL statement, whatever its size', async () => {
    expect(await statementsOf(PAGE, 2)).toHaveLength(1);
    const statements = await statementsOf(PAGE, 40);
    expect(statements).toHaveLength(1);
    const [page] = statements;
    // Plugin rows are looked up per listed row (LATERAL), not joined as whole tables to filter: a
    // join filter lets a planner without statistics (PGlite gathers none) hash whole tables.
    expect(page).not.toMatch(/LEFT JOIN "public"\./);
    expect(page).toMatch(/LEFT JOIN LATERAL/);
  });

  // A plugin row is loaded as JSON in the statement's select list: all its columns, or for a
  // plugin the selection does not read only its id, which tells a whole configuration from an
  // orphan base row.
  const json = (statement: string, table: string) =>
    new RegExp(
      `JSONB_BUILD_OBJECT\\(([^)]*)\\) AS "__prisma_data__" FROM "public"\\."${table}"`,
    ).exec(statement)?.[1];
  const loads = (statement: string, table: string) =>
    (json(statement, table)?.split(', ').length ?? 0) > 2;
  const probes = (statement: string, table: string) =>
    json(statement, table)?.split(', ').length === 2;

  it('loads only the plugin rows the selection reads', async () => {
    const [glueOnly] = await statementsOf(
      'query($first: Int!) { dataOutputConfigurations(first: $first) { nodes { id plugin ... on GlueDataOutput { table } } } }',
      40,
    );
    expect(loads(glueOnly as string, 'glue_data_outputs')).toBe(true);
    expect(loads(glueOnly as string, 'snowflake_data_outputs')).toBe(false);
    expect(probes(glueOnly as string, 'snowflake_data_outputs')).toBe(true);
    const [baseOnly] = await statementsOf(
      'query($first: Int!) { dataOutputConfigurations(first: $first) { nodes { id __typename createdAt } } }',
      40,
    );
    for (const table of ['glue', 'snowflake', 'databricks', 'redshift']) {
      expect(loads(baseOnly as string, `${table}_data_outputs`)).toBe(false);
      expect(probes(baseOnly as string, `${table}_data_outputs`)).toBe(true);
    }
    const [rendered] = await statementsOf(
      'query($first: Int!) { dataOutputConfigurations(first: $first) { edges { node { resultString } } } }',
      40,
    );
    for (const table of ['glue', 'snowflake', 'databricks', 'redshift'])
      expect(loads(rendered as string, `${table}_data_outputs`)).toBe(true);
  });

  it('rows whose plugin row was not loaded still answer with their own type and shared fields', async () => {
    const data = await ok<{
      dataOutputConfigurations: {
        nodes: Array<{ __typename: string; plugin: string; table?: string; resultString?: string }>;
      };
    }>(
      service,
      `query { dataOutputConfigurations(first: 40) { nodes { __typename plugin
        ...glue } } }
       fragment glue on GlueDataOutput { table resultString }`,
    );
    const nodes = data.dataOutputConfigurations.nodes;
    expect(new Set(nodes.map((n) => n.__typename))).toEqual(
      new Set([
        'GlueDataOutput',
        'SnowflakeDataOutput',
        'DatabricksDataOutput',
        'RedshiftDataOutput',
      ]),
    );
    for (const node of nodes) {
      expect(node.__typename).toBe(node.plugin);
      if (node.plugin === 'GlueDataOutput') {
        expect(typeof node.table).toBe('string');
        expect(node.resultString).toMatch(/\S/);
      } else expect(node).not.toHaveProperty('table');
    }
  });
});
