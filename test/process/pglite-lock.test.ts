import { rm } from 'node:fs/promises';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import {
  COMPILED,
  commandEnv,
  FROM_SOURCE,
  makeScratchFolder,
  type RunningService,
  runCommand,
  startServiceProcess,
} from '../support/scratch-project.js';
import { graphqlAt, listedIds, pgliteHealth } from '../support/stored-rows.js';

// One writer per PGlite folder: two processes on one PGLITE_DIR corrupted it.

const CREATE =
  'mutation($suffix: String!) { createDataOutputConfiguration(input: { glue: { database: "sales", databaseSuffix: $suffix } }) { id } }';

describe('two processes on one PGLITE_DIR', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let first: RunningService | undefined;
  let third: RunningService | undefined;
  const created: string[] = [];
  beforeAll(async () => {
    dir = await makeScratchFolder('portal-lock-');
    env = commandEnv({
      PGLITE_DIR: dir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    });
    first = await startServiceProcess(projectRoot, env, 120_000, COMPILED);
  });
  afterAll(async () => {
    await first?.stop();
    await third?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function createOn(service: RunningService, suffix: string): Promise<void> {
    const response = await graphqlAt<{ createDataOutputConfiguration: { id: string } }>(
      service.url,
      CREATE,
      { suffix },
    );
    expect(response.errors).toBeUndefined();
    created.push(response.data?.createDataOutputConfiguration.id as string);
  }

  it('the second is refused at once, naming the folder and the holder; the first serves on', async () => {
    const running = first as RunningService;
    const configured = await graphqlAt(
      running.url,
      'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }',
    );
    expect(configured.errors).toBeUndefined();
    await createOn(running, 'before');

    const second = await runCommand(process.execPath, FROM_SOURCE, {
      cwd: projectRoot,
      env,
      timeoutMs: 120_000,
    });
    expect(second.failure).toBeUndefined();
    expect(second.code).toBe(1);
    // Start-up failures go to the service's log (stdout) once its logger exists.
    const output = second.stdout + second.stderr;
    expect(output).not.toContain('Serving GraphQL');
    expect(output).toContain(
      `Start-up failed: PGLITE_DIR ${dir} is in use by another process: pid ${running.pid} on host ${os.hostname()}, holding it since `,
    );
    expect(output).toContain(
      'Embedded PGlite allows one process per folder (two would corrupt it). Stop that process, or give this one its own PGLITE_DIR; to run several instances, use PostgreSQL (DATABASE_URL).',
    );

    await createOn(running, 'after');
    expect((await listedIds(running.url)).sort()).toEqual([...created].sort());
  });

  it('after kill -9 of the holder, the next start takes the folder over and has every write', async () => {
    const killed = first as RunningService;
    await killed.kill('SIGKILL');
    first = undefined;
    third = await startServiceProcess(projectRoot, env, 120_000, COMPILED);
    expect(third.logs()).toContain(
      `PGLITE_DIR ${dir}: taking over the lock left by pid ${killed.pid} on ${os.hostname()}, which no longer runs`,
    );
    await createOn(third, 'restarted');
    expect((await listedIds(third.url)).sort()).toEqual([...created].sort());
    expect(await third.stop()).toBe(0);
    third = undefined;

    // The folder agrees with itself: every table matches its primary-key index.
    const health = await pgliteHealth(dir);
    expect(health).toEqual({
      baseRows: 3,
      glueRows: 3,
      halfWritten: 0,
      baseRowsByIndex: 3,
      glueRowsByIndex: 3,
    });
  });
});
