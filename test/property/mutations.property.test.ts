import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { configureAllPlatforms, create, fill, formOf } from '../support/portal-client.js';
import { graphql, startTestService } from '../support/service.js';

// Generated inputs to create and update: the only answers are success or BAD_USER_INPUT, and a
// refusal writes nothing. One service takes all of them.

const RUNS = 2500;
const OPTIONS = ['alpha', 'beta', 'gamma'];
const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';
const UPDATE =
  'mutation($id: ID!, $input: DataOutputConfigurationInput!) { updateDataOutputConfiguration(id: $id, input: $input) { id } }';

const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  { weight: 3, arbitrary: unicode },
  // NUL and lone surrogates anywhere in a string.
  {
    weight: 2,
    arbitrary: fc
      .tuple(unicode, fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), unicode)
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^[ \t\n\r\u00a0\u2003]{0,5}$/) },
  // Around the limits, and far beyond them (up to 1 MB).
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(254, 255, 256, 1023, 1024, 1025, 100_000, 1_000_000), unicode)
      .map(([length, tail]) => 'n'.repeat(length) + tail),
  },
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
// Mostly a fitting value, so that many inputs succeed; else any text, a wrong type or nothing.
const field = (fitting: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 14, arbitrary: fitting },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/);

const glueInput = fc.record({
  database: field(fc.constantFrom(...OPTIONS)),
  databaseSuffix: field(name),
  accessGranularity: field(fc.constantFrom('schema', 'table')),
  table: field(fc.oneof(name, fc.constant(undefined))),
  bucketIdentifier: field(fc.oneof(name, fc.constant(''), fc.constant(undefined))),
  databasePath: field(fc.oneof(name, fc.constant(''), fc.constant(undefined))),
  tablePath: field(fc.oneof(name, fc.constant(''), fc.constant(undefined))),
});

// Mostly a Glue input; sometimes unknown fields, another platform, two platforms or none.
const input = fc.oneof(
  { weight: 12, arbitrary: glueInput.map((glue) => ({ glue })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(glueInput, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string()))
      .map(([glue, extra]) => ({ glue: { ...extra, ...glue } })),
  },
  { weight: 1, arbitrary: glueInput.map((glue) => ({ snowflake: glue })) },
  { weight: 1, arbitrary: glueInput.map((glue) => ({ glue, redshift: glue })) },
  { weight: 1, arbitrary: fc.constantFrom({}, { nowhere: {} }, null, 'glue', 7) },
);

const operation = fc.record({ kind: fc.constantFrom('create', 'update'), input });

type Answer = Awaited<ReturnType<typeof graphql<Record<string, { id: string } | null>>>>;

describe('generated inputs to create and update', () => {
  let service: Service;
  let target: string;
  let countSql: string;
  const outcomes = { created: 0, updated: 0, refused: 0 };
  beforeAll(async () => {
    // Inputs up to a few megabytes: the text rules must refuse them, not the request size limit.
    service = await startTestService({ HTTP_MAX_BODY_BYTES: String(16 * 1024 * 1024) });
    const tables = await service.db.prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%\\_data\\_outputs'",
    );
    // Rows of the base table and of all plugin tables, in one query per check.
    countSql = `SELECT (SELECT count(*) FROM data_output_configurations)::int AS base, (${tables
      .map((t) => `(SELECT count(*) FROM "${t.tablename}")`)
      .join(' + ')})::int AS plugin`;
    await configureAllPlatforms(service);
    const glue = await formOf(service, 'GlueDataOutput');
    target = (await create(service, glue, fill(glue, 0))).data!.createDataOutputConfiguration.id;
  });
  afterAll(() => service?.close());

  async function rowCounts(): Promise<{ base: number; plugin: number }> {
    const [row] =
      await service.db.prisma.$queryRawUnsafe<Array<{ base: number; plugin: number }>>(countSql);
    return { base: Number(row?.base), plugin: Number(row?.plugin) };
  }

  async function stored(id: string) {
    return service.db.prisma.glueDataOutput.findUnique({ where: { id }, include: { base: true } });
  }

  // Fields no save rule rewrites: an accepted value is stored exactly as sent.
  const KEPT = ['database', 'databaseSuffix', 'bucketIdentifier'] as const;

  it(`answer only success or BAD_USER_INPUT, and write nothing when refused (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(operation, async ({ kind, input: generated }) => {
        const counts = await rowCounts();
        const before = kind === 'update' ? await stored(target) : null;
        const answer: Answer =
          kind === 'create'
            ? await graphql(service, CREATE, { input: generated })
            : await graphql(service, UPDATE, { id: target, input: generated });
        const field =
          kind === 'create' ? 'createDataOutputConfiguration' : 'updateDataOutputConfiguration';
        if (answer.errors === undefined) {
          const id = answer.data?.[field]?.id as string;
          expect(id).toMatch(/^[0-9a-f-]{36}$/);
          const row = await stored(id);
          const sent = (generated as { glue: Record<string, unknown> }).glue;
          for (const name of KEPT)
            if (typeof sent[name] === 'string') expect(row?.[name]).toBe(sent[name]);
          const after = await rowCounts();
          const added = kind === 'create' ? 1 : 0;
          expect(after).toEqual({ base: counts.base + added, plugin: counts.plugin + added });
          outcomes[kind === 'create' ? 'created' : 'updated'] += 1;
          return;
        }
        expect(answer.errors.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
        expect(answer.errors[0]?.extensions?.issues).not.toEqual([]);
        expect(answer.data?.[field] ?? null).toBeNull();
        expect(await rowCounts()).toEqual(counts);
        if (kind === 'update') expect(await stored(target)).toEqual(before);
        outcomes.refused += 1;
      }),
      { numRuns: RUNS },
    );
    // The generators reach both answers, often.
    expect(outcomes.created + outcomes.updated).toBeGreaterThan(RUNS / 20);
    expect(outcomes.refused).toBeGreaterThan(RUNS / 4);
    console.info(`Property test outcomes over ${RUNS} inputs: ${JSON.stringify(outcomes)}`);
  }, 600_000);
});
