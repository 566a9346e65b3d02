import { GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga } from 'graphql-yoga';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabaseErrors } from '../../src/graphql/database-errors.js';
import type { Service } from '../../src/service.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { startTestService } from '../support/service.js';

// Errors the databases really raise, thrown by resolvers of a small schema served by yoga with
// the plugin, as the service serves its own.

type Run = (sql: string, value: string) => Promise<unknown>;

function schemaOver(run: Run): GraphQLSchema {
  const field = (sql: string) => ({
    type: GraphQLString,
    args: { input: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: async (_root: unknown, args: { input: string }) => {
      await run(sql, args.input);
      return 'stored';
    },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: { echo: field('SELECT $1::text AS value') },
    }),
    mutation: new GraphQLObjectType({
      name: 'Mutation',
      fields: {
        store: field('SELECT $1::text AS value'),
        storeJson: field('SELECT $1::jsonb AS value'),
        storeOther: field('SELECT 1 / 0 + length($1)'),
      },
    }),
  });
}

async function ask(schema: GraphQLSchema, query: string, input: string) {
  const yoga = createYoga({
    schema,
    logging: false,
    plugins: [useDatabaseErrors({ lockTimeoutMs: 5000, statementTimeoutMs: 10000 })],
  });
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { input } }),
  });
  return (await response.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  };
}

describe('database errors through Prisma on PGlite', () => {
  let service: Service;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    service = await startTestService();
    schema = schemaOver((sql, value) => service.db.prisma.$queryRawUnsafe(sql, value));
  });
  afterAll(() => service?.close());

  it('a value PostgreSQL cannot store (class 22) answers BAD_USER_INPUT at the mutation’s input', async () => {
    const result = await ask(
      schema,
      'mutation($input: String!) { store(input: $input) }',
      'a\u0000b',
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['store'],
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: [
            {
              path: ['input'],
              field: [],
              message: 'invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)',
            },
          ],
        },
      }),
    ]);
    expect(result.errors?.[0]?.message).toBe(
      'The database refused a value: input: invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)',
    );
  });

  it('a lone surrogate in JSON (22P02) too', async () => {
    const result = await ask(
      schema,
      'mutation($input: String!) { storeJson(input: $input) }',
      '{"a": "\\ud800"}',
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('division by zero is a data exception as well (22012)', async () => {
    const result = await ask(
      schema,
      'mutation($input: String!) { storeOther(input: $input) }',
      'x',
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [{ path: ['input'], field: [], message: 'division by zero (SQLSTATE 22012)' }],
    });
  });

  it('other failures stay masked as INTERNAL_SERVER_ERROR', async () => {
    const failing = schemaOver(() => service.db.prisma.$queryRawUnsafe('SELECT * FROM nowhere'));
    const result = await ask(failing, 'query($input: String!) { echo(input: $input) }', 'x');
    expect(result.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ['Unexpected error.', 'INTERNAL_SERVER_ERROR'],
    ]);
  });
});

describe('database errors from pg on PostgreSQL', () => {
  let db: ScratchDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createScratchDatabase('portal_errors');
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('class 22 from the driver itself answers BAD_USER_INPUT', async () => {
    const schema = schemaOver((sql, value) => client.query(sql, [value]));
    const result = await ask(
      schema,
      'mutation($input: String!) { store(input: $input) }',
      'a\u0000',
    );
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: ['input'],
          field: [],
          message: 'invalid byte sequence for encoding "UTF8": 0x00 (SQLSTATE 22021)',
        },
      ],
    });
  });

  it('a statement timeout answers DATABASE_TIMEOUT naming the setting', async () => {
    const schema = schemaOver(async () => {
      await client.query('SET statement_timeout = 50');
      try {
        await client.query('SELECT pg_sleep(1)');
      } finally {
        await client.query('RESET statement_timeout');
      }
    });
    const result = await ask(schema, 'query($input: String!) { echo(input: $input) }', 'x');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'DATABASE_TIMEOUT', sqlState: '57014' });
    expect(result.errors?.[0]?.message).toBe(
      'The database stopped this request: it ran longer than 10000 ms (DATABASE_STATEMENT_TIMEOUT_MS). Nothing was changed; retry later.',
    );
  });
});
