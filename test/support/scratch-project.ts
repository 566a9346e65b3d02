import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { assertBuildCurrent } from './build-current.js';

// A throw-away copy of the project, and the commands a developer runs in it (npm, the service), for
// end-to-end tests that change package.json, node_modules and generated files.

export interface CommandRun {
  command: string;
  /** Exit code; null when the command was killed or could not start. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it did not exit on its own, e.g. killed by SIGTERM at the timeout. */
  failure?: string;
}

export function describeRun(run: CommandRun): string {
  const ending = run.failure ?? `exit ${run.code}`;
  return `\`${run.command}\`: ${ending}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Runs a command to its end; never rejects, so the caller can show the output in an assertion. */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandRun> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve) => {
    // npm prints a warning per package whose engines field asks for a newer Node: allow for it.
    const settings = {
      cwd: options.cwd,
      env: options.env,
      timeout: options.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    };
    execFile(command, args, settings, (error, stdout, stderr) => {
      if (error === null) return resolve({ command: shown, code: 0, stdout, stderr });
      // At run time `code` is a string (e.g. ENOENT) when the command did not start.
      const code = typeof error.code === 'number' ? error.code : null;
      const failure = error.signal
        ? `killed by ${error.signal}${error.killed ? ` after ${options.timeoutMs} ms` : ''}`
        : code === null
          ? error.message
          : undefined;
      resolve({
        command: shown,
        code,
        stdout,
        stderr,
        ...(failure === undefined ? {} : { failure }),
      });
    });
  });
}

// Variables the service, its scripts and the Prisma CLI read. A test names the ones it wants, so
// neither the developer's shell nor vitest's env (LOG_LEVEL=silent) leaks into the copy.
const PROJECT_VARIABLES = [
  'DATABASE_URL',
  'PGLITE_DIR',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'ENABLED_PLUGINS',
  'EXCLUDED_PLUGIN_PACKAGES',
  'NODE_ENV',
  'PLATFORM_SETTINGS_MAX_AGE_SECONDS',
  'FORMS_PAGE',
  'PRISMA_SCHEMA_ENGINE_BINARY',
  'DATABASE_STATEMENT_TIMEOUT_MS',
  'DATABASE_LOCK_TIMEOUT_MS',
  'DATABASE_CONNECT_TIMEOUT_MS',
  'DATABASE_STARTUP_RETRY_SECONDS',
];

/** The test process's environment without the project's own variables, plus `extra`. */
export function commandEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !PROJECT_VARIABLES.includes(name)),
  );
  // No Prisma update check over the network; plain text to match on.
  return {
    ...env,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    NO_COLOR: '1',
    ...extra,
  };
}

/** A new empty folder under the system's temp folder, by its real path (so paths compare equal). */
export async function makeScratchFolder(prefix: string): Promise<string> {
  return realpath(await mkdtemp(path.join(tmpdir(), prefix)));
}

async function projectFiles(source: string): Promise<string[]> {
  // Tracked and untracked files, as a commit of the working tree would hold them: uncommitted work
  // is tested, ignored output (data/, src/generated/, node_modules/) is not.
  const listed = await runCommand(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: source,
      env: process.env,
      timeoutMs: 60_000,
    },
  );
  if (listed.code !== 0)
    throw new Error(`Cannot list the project's files.\n${describeRun(listed)}`);
  const files = new Set(listed.stdout.split('\0').filter(Boolean));
  // Deleted but not yet committed files are still listed as tracked.
  return [...files].filter((file) => existsSync(path.join(source, file)));
}

async function copyFile(from: string, to: string): Promise<void> {
  try {
    await cp(from, to, { verbatimSymlinks: true, preserveTimestamps: true });
  } catch (error) {
    // Someone working in the project deleted (or is replacing) it since it was listed.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * The build output (`dist/`) of the project's own linked packages, its `file:` dependencies inside
 * it (a plugin package installed from `plugins/`): git ignores it, yet the links in node_modules
 * serve it.
 */
async function copyLinkedBuilds(source: string, target: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path.join(source, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
  };
  const specs = Object.values({ ...manifest.dependencies, ...manifest.optionalDependencies });
  for (const spec of specs.filter((value) => value.startsWith('file:'))) {
    const relative = path.relative(source, path.resolve(source, spec.slice('file:'.length)));
    const dist = path.join(source, relative, 'dist');
    if (relative.startsWith('..') || !existsSync(dist)) continue;
    await cp(dist, path.join(target, relative, 'dist'), {
      recursive: true,
      verbatimSymlinks: true,
      preserveTimestamps: true,
    });
  }
}

/**
 * Copies the project's files, its node_modules and its linked packages' builds into `target`.
 * `cp -a` keeps the relative symlinks npm made for `file:` dependencies relative, so they point
 * into the copy and npm in the copy never writes to the real project.
 *
 * Unless `seeds` is false, the build's PGlite seeds (`dist/pglite-seed/`, as `npm install` leaves
 * them) come along too: each new database and shadow database in the copy then loads one instead
 * of running initdb. A seed is used only for the PGlite version and migration history it was made
 * for, so a copy whose history changes still migrates its databases itself.
 */
export async function copyProject(
  source: string,
  target: string,
  { seeds = true }: { seeds?: boolean } = {},
): Promise<void> {
  for (const file of await projectFiles(source)) {
    await copyFile(path.join(source, file), path.join(target, file));
  }
  const copied = await runCommand(
    'cp',
    ['-a', path.join(source, 'node_modules'), path.join(target, 'node_modules')],
    {
      cwd: target,
      env: process.env,
      timeoutMs: 300_000,
    },
  );
  if (copied.code !== 0) throw new Error(`Cannot copy node_modules.\n${describeRun(copied)}`);
  await copyLinkedBuilds(source, target);
  const seedDir = path.join(source, 'dist/pglite-seed');
  if (seeds && existsSync(seedDir))
    await cp(seedDir, path.join(target, 'dist/pglite-seed'), { recursive: true });
}

export interface RunningService {
  /** The GraphQL endpoint, as the service logged it. */
  url: string;
  /** The id of the process started: the service, or the command that starts it (npm). */
  pid: number;
  /** Everything it printed so far, colours removed. */
  logs(): string;
  /** Its standard output so far, exactly as written. */
  stdout(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves to its exit code (null if killed). */
  stop(): Promise<number | null>;
  /** Sends `signal` at once (e.g. SIGKILL, as a crash) and resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

// The address ends at white space or, in a JSON log line, at the closing quote.
const SERVING = /Serving GraphQL at (http:\/\/[^\s"]+)/;

/** How the service runs: from its TypeScript source (`npm run dev`) or compiled (`npm start`). */
export const FROM_SOURCE = ['--import', 'tsx', 'src/main.ts'];
export const COMPILED = ['dist/src/main.js'];

/**
 * Starts the service of the project in `cwd` as `npm run dev` (or, with `COMPILED`, `npm start`)
 * would, but without npm in between, so the signals reach the service itself; or, with `command`
 * (e.g. `npm` and `['start']`), through that command. Resolves once it logs that it serves GraphQL.
 */
export function startServiceProcess(
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  entry: readonly string[] = FROM_SOURCE,
  command: string = process.execPath,
): Promise<RunningService> {
  if (entry[0] === COMPILED[0]) assertBuildCurrent(cwd);
  const child = spawn(command, [...entry], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (reason: string) =>
      settle(
        () =>
          void stop().then(() =>
            reject(new Error(`The service ${reason}.\n--- output\n${output}`)),
          ),
      );
    const timer = setTimeout(
      () => fail(`did not log "Serving GraphQL at" within ${timeoutMs} ms`),
      timeoutMs,
    );
    // All output is kept, also after start-up, for the messages of failing assertions.
    const collect = (chunk: Buffer) => {
      output += stripVTControlCharacters(chunk.toString());
      const url = SERVING.exec(output)?.[1];
      if (url !== undefined)
        settle(() =>
          resolve({
            url,
            pid: child.pid as number,
            logs: () => output,
            stdout: () => stdout,
            stop,
            kill: async (signal) => {
              if (child.exitCode === null && child.signalCode === null) child.kill(signal);
              await exited;
            },
          }),
        );
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      collect(chunk);
    });
    child.stderr.on('data', collect);
    // No process, so nothing to stop.
    child.once('error', (error) =>
      settle(() => reject(new Error(`The service could not be started: ${error.message}`))),
    );
    void exited.then((code) => fail(`exited with code ${code} before serving`));
  });
}
