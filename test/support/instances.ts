import { projectRoot } from '../../src/paths.js';
import {
  commandEnv,
  FROM_SOURCE,
  type RunningService,
  startServiceProcess,
} from './scratch-project.js';

// Several service processes on one PostgreSQL database, as a deployment behind a load balancer
// runs them. (Embedded PGlite is one process's database: its folder is locked to one service.)

export interface Instances {
  all: RunningService[];
  /** The i-th instance (0-based); throws when there is none. */
  at(index: number): RunningService;
  /** Every instance's output, labelled, for assertion messages. */
  logs(): string;
  /** Stops all with SIGTERM; resolves to their exit codes. */
  stop(): Promise<Array<number | null>>;
}

export interface InstanceOptions {
  /** The project the processes run (a scratch copy with other plugins); default this one. */
  cwd?: string;
  /** More environment for every instance (each still gets its own free port). */
  env?: Record<string, string>;
  entry?: readonly string[];
  timeoutMs?: number;
}

/** Wraps already running processes (e.g. from different projects) as one set. */
export function instancesOf(all: RunningService[]): Instances {
  return {
    all,
    at: (index) => {
      const instance = all[index];
      if (!instance) throw new Error(`There is no instance ${index}; ${all.length} run.`);
      return instance;
    },
    logs: () => all.map((s, i) => `--- instance ${i} (pid ${s.pid})\n${s.logs()}`).join('\n'),
    stop: () => Promise.all(all.map((s) => s.stop())),
  };
}

/**
 * Starts `count` service processes on the PostgreSQL database at `databaseUrl`, all at once (so
 * they also race to migrate a new database). Resolves when every one serves; if one fails to
 * start, the others are stopped and the failure is thrown.
 */
export async function startInstances(
  count: number,
  databaseUrl: string,
  options: InstanceOptions = {},
): Promise<Instances> {
  const env = commandEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    ...options.env,
  });
  const started = await Promise.allSettled(
    Array.from({ length: count }, () =>
      startServiceProcess(
        options.cwd ?? projectRoot,
        env,
        options.timeoutMs ?? 120_000,
        options.entry ?? FROM_SOURCE,
      ),
    ),
  );
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(running.map((s) => s.stop()));
    throw failure.reason;
  }
  return instancesOf(running);
}
