import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Instances, startInstances } from '../support/instances.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { COMPILED, type RunningService } from '../support/scratch-project.js';
import { graphqlAt, listedIds, tableHealth } from '../support/stored-rows.js';

// Three service processes on one PostgreSQL database behave as one service: what an operator
// configures through one holds for a user's request through another, with no wait in between.
// Their settings copies may be an hour old (PLATFORM_SETTINGS_MAX_AGE_SECONDS): only the
// notifications can make them agree.

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { configured } }';
const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';
const DATABASE_OPTIONS =
  '{ pluginForm(name: "GlueDataOutput") { elements { name options { value } } } }';
const CONCURRENT = 150;

type Answer = Awaited<ReturnType<typeof graphqlAt>>;

async function configureGlue(instance: RunningService, databases: string[]): Promise<void> {
  const answer = await graphqlAt(instance.url, CONFIGURE, { input: { glue: { databases } } });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
}

function createGlue(instance: RunningService, database: string, suffix: string): Promise<Answer> {
  return graphqlAt(instance.url, CREATE, { input: { glue: { database, databaseSuffix: suffix } } });
}

async function databaseOptions(instance: RunningService): Promise<string[]> {
  const answer = await graphqlAt<{
    pluginForm: { elements: Array<{ name: string; options: Array<{ value: string }> }> };
  }>(instance.url, DATABASE_OPTIONS);
  const element = answer.data?.pluginForm.elements.find((e) => e.name === 'database');
  return element?.options.map((o) => o.value) ?? [];
}

/**
 * The form's options as the instance serves them, asked until they equal `expected` (at most
 * `tries` times, 50 ms apart). A notification travels on its own connection, so it may land a
 * moment after the HTTP answer of the write; a copy that relied on the hour-long age limit would
 * never get there.
 */
async function optionsReach(
  instance: RunningService,
  expected: string[],
  tries = 100,
): Promise<string[]> {
  let seen: string[] = [];
  for (let i = 0; i < tries; i += 1) {
    seen = await databaseOptions(instance);
    if (JSON.stringify(seen) === JSON.stringify(expected)) return seen;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return seen;
}

describe('three instances on one PostgreSQL database', { timeout: 180_000 }, () => {
  let db: ScratchDatabase;
  let instances: Instances;
  const a = () => instances.at(0);
  const b = () => instances.at(1);
  const c = () => instances.at(2);

  beforeAll(async () => {
    db = await createScratchDatabase('instances');
    // All three start at once on the new database: one migrates, the others wait for its lock.
    instances = await startInstances(3, db.url, {
      env: { PLATFORM_SETTINGS_MAX_AGE_SECONDS: '3600' },
      entry: COMPILED,
    });
  }, 240_000);

  afterAll(async () => {
    const codes = await instances?.stop();
    await db?.drop();
    expect(codes?.every((code) => code === 0)).toBe(true);
  }, 120_000);

  it('migrated the new database once', async () => {
    const applied = await db.query(
      "SELECT migration_name, count(*)::int AS n FROM _prisma_migrations WHERE migration_name LIKE '%_base' GROUP BY 1",
    );
    expect(applied).toEqual([{ migration_name: '20261126120000_base', n: 1 }]);
  });

  it('configure through one, create through another at once: accepted', async () => {
    // C's form is answered (and kept in memory) before the databases exist.
    expect(await databaseOptions(c())).toEqual([]);
    await configureGlue(a(), ['sales']);
    const created = await createGlue(b(), 'sales', 'first');
    expect(
      created.errors,
      `${JSON.stringify(created.errors)}\n${instances.logs()}`,
    ).toBeUndefined();
    expect(await optionsReach(c(), ['sales'])).toEqual(['sales']);
  });

  it('remove an option through one, create with it through another at once: refused', async () => {
    await configureGlue(a(), ['sales', 'finance']);
    const before = await createGlue(b(), 'finance', 'before');
    expect(before.errors).toBeUndefined();

    await configureGlue(a(), ['sales']);
    for (const instance of [b(), c()]) {
      const refused = await createGlue(instance, 'finance', 'after');
      expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toContain(
        '"finance" is not one of the configured databases: sales',
      );
    }
    expect(await optionsReach(b(), ['sales'])).toEqual(['sales']);
    expect(
      await db.query(
        "SELECT count(*)::int AS n FROM glue_data_outputs WHERE database_suffix = 'after'",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('concurrent creates spread over the three: every acknowledged row is stored once', async () => {
    await configureGlue(a(), ['sales', 'finance']);
    const before = new Set(await listedIds(a().url));
    const answers = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        createGlue(instances.at(i % 3), i % 2 ? 'sales' : 'finance', `concurrent_${i}`),
      ),
    );
    const acknowledged = answers.flatMap((answer) => {
      const id = (answer.data as { createDataOutputConfiguration?: { id: string } } | null)
        ?.createDataOutputConfiguration?.id;
      return id ? [id] : [];
    });
    expect(
      answers.filter((answer) => answer.errors),
      instances.logs().slice(-4000),
    ).toEqual([]);
    expect(new Set(acknowledged).size).toBe(CONCURRENT);

    for (const instance of instances.all) {
      const listed = (await listedIds(instance.url)).filter((id) => !before.has(id));
      expect(listed.length).toBe(CONCURRENT);
      expect(new Set(listed)).toEqual(new Set(acknowledged));
    }
    const health = await tableHealth(db.query);
    expect(health.halfWritten).toBe(0);
    expect(health.baseRows).toBe(before.size + CONCURRENT);
    expect(health.glueRows).toBe(health.baseRows);
  });

  it('a listener that lost its connection reconnects and reads what changed meanwhile', async () => {
    await configureGlue(a(), ['sales']);
    for (const instance of instances.all)
      expect(await optionsReach(instance, ['sales'])).toEqual(['sales']);
    const listeners = await db.query(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE application_name LIKE 'data-product-portal listener%' AND datname = current_database()",
    );
    expect(listeners).toEqual([{ ended: true }, { ended: true }, { ended: true }]);
    // Changed behind the instances' backs, with no notification: only a re-read finds it.
    await db.query(
      `UPDATE platform_configurations SET settings = '{"databases": ["sales", "hr"]}' WHERE platform = 'glue'`,
    );
    for (const instance of instances.all)
      expect(await optionsReach(instance, ['sales', 'hr'], 400)).toEqual(['sales', 'hr']);
    expect(instances.logs()).toContain('Listening for platform_settings_changed again');
  });
});
