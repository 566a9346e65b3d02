import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';

// The lock lives inside the folder, so that on a volume mounted at PGLITE_DIR every host that
// mounts it sees the same lock. proper-lockfile's lock is a directory (mkdir is atomic, also on
// network file systems) whose mtime the holder refreshes; the record beside it names the holder.
const LOCK_NAME = 'plugin-service.lock';
const HOLDER_NAME = 'plugin-service.lock.json';
/** A lock not refreshed for this long is abandoned (its holder died without releasing it). */
export const PGLITE_LOCK_STALE_MS = 20_000;
const REFRESH_MS = 5_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface FolderLock {
  release(): Promise<void>;
}

export interface LockOptions {
  log: (message: string) => void;
  /** The lock was lost while held (taken over, or its folder removed): stop writing at once. */
  onLost: (error: Error) => void;
}

async function readHolder(dir: string): Promise<Holder | null> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, HOLDER_NAME), 'utf8')) as unknown;
    const { pid, host, since } = (parsed ?? {}) as Partial<Holder>;
    return typeof pid === 'number' && typeof host === 'string' && typeof since === 'string'
      ? { pid, host, since }
      : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A holder on this host that no longer runs (killed with -9, or a crashed container that came
 * back with the same pid and hostname) left its lock behind: it can be taken over at once. A
 * holder on another host cannot be checked; its lock expires PGLITE_LOCK_STALE_MS after its last
 * refresh.
 */
function isGone(dir: string, holder: Holder): boolean {
  if (holder.host !== os.hostname()) return false;
  return holder.pid === process.pid ? !heldHere.has(dir) : !isRunning(holder.pid);
}

// The folders this process holds: a record naming this pid is stale only if this process does not
// hold the folder (it is an earlier process that had the same pid).
const heldHere = new Set<string>();

async function heldMessage(dir: string, holder: Holder | null): Promise<string> {
  const lockPath = path.join(dir, LOCK_NAME);
  const refreshed = await stat(lockPath).then(
    (s) => `${((Date.now() - s.mtimeMs) / 1000).toFixed(0)} s ago`,
    () => 'unknown',
  );
  const who = holder
    ? `pid ${holder.pid} on host ${holder.host}, holding it since ${holder.since}`
    : 'a process that has not recorded itself yet';
  const elsewhere =
    holder && holder.host !== os.hostname()
      ? ` If host ${holder.host} is gone, its lock expires ${PGLITE_LOCK_STALE_MS / 1000} s after its last refresh (${refreshed}); start again then.`
      : '';
  return (
    `PGLITE_DIR ${dir} is in use by another process: ${who}. ` +
    'Embedded PGlite allows one process per folder (two would corrupt it). ' +
    'Stop that process, or give this one its own PGLITE_DIR; to run several instances, use PostgreSQL (DATABASE_URL).' +
    elsewhere
  );
}

async function acquire(dir: string, options: LockOptions) {
  return lockfile.lock(dir, {
    lockfilePath: path.join(dir, LOCK_NAME),
    realpath: false,
    stale: PGLITE_LOCK_STALE_MS,
    update: REFRESH_MS,
    retries: 0,
    onCompromised: options.onLost,
  });
}

/**
 * Takes the exclusive lock on a PGlite folder for this process, or fails at once naming the folder
 * and the process that holds it. A lock left by a process that died is taken over.
 */
export async function lockPgliteFolder(dir: string, options: LockOptions): Promise<FolderLock> {
  let release: () => Promise<void>;
  try {
    release = await acquire(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = await readHolder(dir);
    if (!holder || !isGone(dir, holder)) throw new Error(await heldMessage(dir, holder));
    options.log(
      `PGLITE_DIR ${dir}: taking over the lock left by pid ${holder.pid} on ${holder.host}, which no longer runs`,
    );
    // Aged past the stale threshold, proper-lockfile removes and retakes it like any stale lock.
    const epoch = new Date(0);
    await utimes(path.join(dir, LOCK_NAME), epoch, epoch);
    try {
      release = await acquire(dir, options);
    } catch (retry) {
      if ((retry as NodeJS.ErrnoException).code !== 'ELOCKED') throw retry;
      // Another process took it in between.
      throw new Error(await heldMessage(dir, await readHolder(dir)));
    }
  }
  const record: Holder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const holderPath = path.join(dir, HOLDER_NAME);
  // Written whole, then renamed: a reader never sees half a record.
  await writeFile(`${holderPath}.tmp`, JSON.stringify(record));
  await rename(`${holderPath}.tmp`, holderPath);
  heldHere.add(dir);
  return {
    release: async () => {
      heldHere.delete(dir);
      await rm(holderPath, { force: true });
      await release();
    },
  };
}
