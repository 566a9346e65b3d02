import { spawnSync } from 'node:child_process';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockPgliteFolder, PGLITE_LOCK_STALE_MS } from '../../src/db/pglite-lock.js';
import { makeScratchFolder } from '../support/scratch-project.js';
import { startTestService } from '../support/service.js';

// The lock's rules in one process; test/process/pglite-lock.test.ts runs two real processes.

const LOCK = 'plugin-service.lock';
const HOLDER = 'plugin-service.lock.json';

describe('the PGlite folder lock', () => {
  let dir: string;
  const logs: string[] = [];
  const lost: Error[] = [];
  const options = { log: (m: string) => logs.push(m), onLost: (e: Error) => lost.push(e) };
  beforeEach(async () => {
    dir = await makeScratchFolder('portal-lock-unit-');
    logs.length = 0;
    lost.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A lock as another process would have left it, refreshed `ageMs` ago. */
  async function leftBehind(holder: { pid: number; host: string }, ageMs: number) {
    await mkdir(path.join(dir, LOCK));
    await writeFile(
      path.join(dir, HOLDER),
      JSON.stringify({ ...holder, since: '2026-01-01T00:00:00.000Z' }),
    );
    const at = new Date(Date.now() - ageMs);
    await utimes(path.join(dir, LOCK), at, at);
  }

  it('is exclusive, names its holder, and is free again once released', async () => {
    const lock = await lockPgliteFolder(dir, options);
    await expect(lockPgliteFolder(dir, options)).rejects.toThrow(
      `PGLITE_DIR ${dir} is in use by another process: pid ${process.pid} on host ${os.hostname()}, holding it since `,
    );
    await lock.release();
    const again = await lockPgliteFolder(dir, options);
    await again.release();
    expect(lost).toEqual([]);
  });

  it('takes over at once the lock of a process of this host that no longer runs', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const pid = Number(gone.stdout);
    await leftBehind({ pid, host: os.hostname() }, 0);
    const lock = await lockPgliteFolder(dir, options);
    expect(logs).toEqual([
      `PGLITE_DIR ${dir}: taking over the lock left by pid ${pid} on ${os.hostname()}, which no longer runs`,
    ]);
    await lock.release();
  });

  it('refuses a fresh lock of another host, saying when it expires', async () => {
    await leftBehind({ pid: 4242, host: 'elsewhere-7' }, 0);
    await expect(lockPgliteFolder(dir, options)).rejects.toThrow(
      `PGLITE_DIR ${dir} is in use by another process: pid 4242 on host elsewhere-7, holding it since 2026-01-01T00:00:00.000Z. ` +
        'Embedded PGlite allows one process per folder (two would corrupt it). Stop that process, or give this one its own PGLITE_DIR; ' +
        `to run several instances, use PostgreSQL (DATABASE_URL). If host elsewhere-7 is gone, its lock expires ${PGLITE_LOCK_STALE_MS / 1000} s after its last refresh (0 s ago); start again then.`,
    );
  });

  it('takes over a lock of another host not refreshed within the stale time', async () => {
    await leftBehind({ pid: 4242, host: 'elsewhere-7' }, PGLITE_LOCK_STALE_MS + 5_000);
    const lock = await lockPgliteFolder(dir, options);
    await lock.release();
  });

  it('reports a lock lost while held (its folder emptied under it)', async () => {
    const lock = await lockPgliteFolder(dir, options);
    await rm(path.join(dir, LOCK), { recursive: true });
    // The holder checks its lock at every refresh (5 s).
    for (let i = 0; i < 100 && lost.length === 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lost.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ECOMPROMISED']);
    await lock.release().catch(() => {});
  });

  it('a second service on the folder stops start-up, the first keeps it', async () => {
    const first = await startTestService({ PGLITE_DIR: dir });
    try {
      await expect(startTestService({ PGLITE_DIR: dir })).rejects.toThrow(
        `PGLITE_DIR ${dir} is in use by another process: pid ${process.pid}`,
      );
      const answer = await first.db.prisma.dataOutputConfiguration.count();
      expect(answer).toBe(0);
    } finally {
      await first.close();
    }
  });
});
