import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import {
  COMPILED,
  commandEnv,
  makeScratchFolder,
  type RunningService,
  startServiceProcess,
} from '../support/scratch-project.js';
import {
  graphqlAt,
  listedIds,
  pgliteHealth,
  type TableHealth,
  tableHealth,
} from '../support/stored-rows.js';

// `kill -9` of the service while it creates configurations, then a restart: every write the
// service acknowledged is there, and no configuration is half-written.

const CONCURRENT = 200;
const KILL_AFTER = 40;
const ROUNDS = 2;

const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';

interface Target {
  name: string;
  env: Record<string, string>;
  health(): Promise<TableHealth>;
  cleanup(): Promise<void>;
}

async function pgliteTarget(): Promise<Target> {
  const dir = await makeScratchFolder('portal-crash-');
  return {
    name: 'embedded PGlite',
    env: { PGLITE_DIR: dir },
    health: () => pgliteHealth(dir),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(): Promise<Target> {
  const db: ScratchDatabase = await createScratchDatabase('portal_crash');
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: db.url },
    health: () => tableHealth(db.query),
    cleanup: () => db.drop(),
  };
}

function start(target: Target): Promise<RunningService> {
  return startServiceProcess(
    projectRoot,
    commandEnv({
      ...target.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    }),
    100_000,
    COMPILED,
  );
}

/** Fires `CONCURRENT` creates and kills the service with SIGKILL after `KILL_AFTER` answers. */
async function createsUntilKilled(service: RunningService, round: number): Promise<string[]> {
  const acknowledged: string[] = [];
  let killing: Promise<void> | null = null;
  const requests = Array.from({ length: CONCURRENT }, async (_, i) => {
    const input = { glue: { database: 'sales', databaseSuffix: `r${round}_${i}` } };
    try {
      const response = await graphqlAt<{ createDataOutputConfiguration: { id: string } }>(
        service.url,
        CREATE,
        { input },
      );
      const id = response.data?.createDataOutputConfiguration.id;
      if (id) acknowledged.push(id);
      if (acknowledged.length >= KILL_AFTER) killing ??= service.kill('SIGKILL');
    } catch {
      // Cut off by the kill: not acknowledged, so it may or may not have been stored.
    }
  });
  await Promise.all(requests);
  await (killing ?? service.kill('SIGKILL'));
  return acknowledged;
}

describe.each([
  ['embedded PGlite', pgliteTarget],
  ['PostgreSQL', postgresTarget],
])('kill -9 during concurrent creates on %s', (_name, makeTarget) => {
  let target: Target;
  let service: RunningService | undefined;
  beforeAll(async () => {
    target = await makeTarget();
    service = await start(target);
    const configured = await graphqlAt(
      service.url,
      'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }',
    );
    expect(configured.errors).toBeUndefined();
  });
  afterAll(async () => {
    await service?.stop();
    await target?.cleanup();
  });

  it(`loses no acknowledged write and leaves nothing half-written, ${ROUNDS} rounds`, async () => {
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const running = service ?? (await start(target));
      service = undefined;
      acknowledged.push(...(await createsUntilKilled(running, round)));
      // The restart after the crash: takes over what the killed process left (a PGlite lock too).
      service = await start(target);
      const listed = new Set(await listedIds(service.url));
      expect(acknowledged.filter((id) => !listed.has(id))).toEqual([]);
      await service.stop();
      service = undefined;
      const health = await target.health();
      expect(health.halfWritten).toBe(0);
      expect(health.glueRows).toBe(health.baseRows);
      expect([health.baseRowsByIndex, health.glueRowsByIndex]).toEqual([
        health.baseRows,
        health.glueRows,
      ]);
      expect(health.baseRows).toBe(listed.size);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS * KILL_AFTER);
  });
});
