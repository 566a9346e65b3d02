// Where start-up time goes: the compiled service (`npm start`'s `node dist/src/main.js`) started
// on a new PGlite folder, on that folder again, and in memory, timed from spawning node to the
// first answer of /ready. Phases come from the service's own JSON log lines: modules loaded (first
// line), plugins loaded, database open, migrations done, listening. A bare PGlite open of the
// same folder is printed beside them, in this process and in a new one. Run `npm run build`
// first. Prints milliseconds (medians of BENCH_RUNS runs); nothing is asserted.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { projectRoot } from '../src/paths.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PHASES = [
  ['modules', /./],
  ['plugins', /^Loaded plugin|^No plugins/],
  ['database', /^Database: /],
  ['migrations', /^Database schema is up to date|^applied migration/],
  ['listening', /^Serving GraphQL/],
] as const;
type Phase = (typeof PHASES)[number][0] | 'ready';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One start: milliseconds from spawn to the last log line of each phase, and to ready. */
async function startOnce(pgliteDir: string, port: number): Promise<Record<Phase, number>> {
  const started = Date.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: projectRoot,
    env: { ...process.env, PGLITE_DIR: pgliteDir, PORT: String(port), LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seen: Partial<Record<Phase, number>> = {};
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const { time, msg } = JSON.parse(line) as { time: number; msg: string };
      for (const [phase, pattern] of PHASES) {
        if (pattern.test(msg) && (phase !== 'modules' || seen.modules === undefined))
          seen[phase] = time - started;
      }
    }
  });
  await waitReady(`http://127.0.0.1:${port}/ready`, child);
  const ready = Date.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  const at = (phase: Phase) => seen[phase] ?? Number.NaN;
  return {
    modules: at('modules'),
    plugins: at('plugins'),
    database: at('database'),
    migrations: at('migrations'),
    listening: at('listening'),
    ready,
  };
}

// The same open in a new Node process, timed from spawning it as the service is: a start-up can be
// no faster than this.
const FRESH_OPEN = `
const { PGlite } = await import('@electric-sql/pglite');
const db = await PGlite.create(process.argv[1]);
await db.query('SELECT 1');
process.stdout.write('opened\\n');
await db.close();`;

async function freshProcessOpen(dir: string): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', FRESH_OPEN, dir], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const opened = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('opened')) resolve(Date.now() - started);
    });
    child.once('exit', (code) => reject(new Error(`the bare open exited with ${code}`)));
  });
  await new Promise((resolve) => child.once('exit', resolve));
  return opened;
}

async function bareOpen(dir: string): Promise<number> {
  const started = performance.now();
  const db = await PGlite.create(dir);
  await db.query('SELECT 1');
  const took = performance.now() - started;
  await db.close();
  return took;
}

function row(label: string, runs: Array<Record<Phase, number>>): string {
  const phases: Phase[] = ['modules', 'plugins', 'database', 'migrations', 'listening', 'ready'];
  let previous = 0;
  const cells = phases.map((phase) => {
    const at = median(runs.map((run) => run[phase]));
    const cell = `${phase} +${Math.round(at - previous)}`;
    previous = at;
    return cell;
  });
  const total = Math.round(median(runs.map((run) => run.ready)));
  return `${label.padEnd(22)} ${String(total).padStart(6)} ms   ${cells.join('  ')}`;
}

const port = 4600 + Math.floor(Math.random() * 300);
const newFolder: Array<Record<Phase, number>> = [];
const existing: Array<Record<Phase, number>> = [];
const memory: Array<Record<Phase, number>> = [];
const bare: number[] = [];
const fresh: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-startup-'));
  try {
    newFolder.push(await startOnce(dir, port));
    existing.push(await startOnce(dir, port));
    bare.push(await bareOpen(dir));
    fresh.push(await freshProcessOpen(dir));
    memory.push(await startOnce('memory://', port));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `Start-up to the first /ready answer, median of ${RUNS} (each phase: ms after the previous one)`,
);
console.log(row('new PGlite folder', newFolder));
console.log(row('existing PGlite folder', existing));
console.log(row('PGlite in memory', memory));
const bareMs = median(bare);
const existingMs = median(existing.map((run) => run.ready));
console.log(
  `bare PGlite open of the same folder: ${Math.round(bareMs)} ms; existing folder / bare open: ${(existingMs / bareMs).toFixed(1)}x`,
);
const freshMs = median(fresh);
console.log(
  `the same open in a new Node process, from spawning it: ${Math.round(freshMs)} ms; existing folder / that: ${(existingMs / freshMs).toFixed(1)}x`,
);
