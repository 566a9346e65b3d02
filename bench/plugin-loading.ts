// What loading plugins costs at start-up: discovering plugin packages among the direct
// dependencies, checking each plugin's Prisma fragment, and the whole load. Runs on this project
// (the internal plugins) and on a temporary project that also has the S3 package installed, the
// way `npm install ./plugins/s3` links it. Prints milliseconds; nothing is asserted.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/paths.js';
import { discoverPluginPackages } from '../src/registry/discover-packages.js';
import { findPackageDir } from '../src/registry/plugin-package.js';
import { inspectPlugins } from '../src/registry/registry.js';
import { checkPluginFragment, readBaseSchema } from '../tools/schema-build/check-fragments.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function medianOf(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await time(run));
  return median(times);
}

/** A project whose dependencies are this one's plus the S3 package, linked as npm links a folder. */
function projectWithS3(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-project-'));
  const link = (name: string, target: string) => {
    mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, path.join(dir, 'node_modules', name), 'dir');
  };
  for (const name of ['zod', '@data-product-portal/plugin-sdk'])
    link(name, findPackageDir(projectRoot, name) ?? '');
  link('@data-product-portal/plugin-s3', path.join(projectRoot, 'plugins/s3'));
  const dependencies = {
    zod: '*',
    '@data-product-portal/plugin-sdk': '*',
    '@data-product-portal/plugin-s3': 'file:plugins/s3',
  };
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-host', private: true, dependencies }),
  );
  return dir;
}

async function measure(label: string, projectDir: string): Promise<void> {
  const cold = await time(() => inspectPlugins({ projectDir }));
  const report = await inspectPlugins({ projectDir });
  if (report.failures.length > 0) throw new Error(report.failures.map((f) => f.message).join('\n'));
  const plugins = report.registry.list();
  const discovery = await medianOf(() => discoverPluginPackages({ projectDir }));
  const base = readBaseSchema();
  const fragments = await medianOf(() => {
    for (const loaded of plugins) checkPluginFragment(loaded, base);
  });
  const whole = await medianOf(() => inspectPlugins({ projectDir }));
  console.log(
    `${label.padEnd(26)} ${String(plugins.length).padStart(7)}  ${cold.toFixed(0).padStart(9)}  ${whole.toFixed(1).padStart(9)}  ` +
      `${discovery.toFixed(1).padStart(9)}  ${fragments.toFixed(1).padStart(9)}`,
  );
}

console.log(`Plugin loading, ms (warm figures: median of ${RUNS} runs in one process)`);
console.log(`${'project'.padEnd(26)} plugins  first load  warm load  discovery  fragments`);
await measure('this project', projectRoot);
const withS3 = projectWithS3();
try {
  await measure('with the S3 package linked', withS3);
} finally {
  rmSync(withS3, { recursive: true, force: true });
}
