// How the host scales with the number of plugins: 10, 50 and 200 generated plugin packages (beside
// the internal plugins) in a temporary project, each with a form field, a Prisma fragment and a
// migration. For each size: discovering and loading them, checking every fragment with Prisma's
// engine (what the tools and `schema:build` do), merging schema.prisma and composing the GraphQL
// schema (against the merged schema's datamodel, as a client generated for it would carry).
// Prints milliseconds and milliseconds per plugin; nothing is asserted.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema } from '../src/graphql/schema.js';
import { projectRoot } from '../src/paths.js';
import { findPackageDir } from '../src/registry/plugin-package.js';
import { inspectPlugins } from '../src/registry/registry.js';
import { fragmentCheck, readBaseSchema } from '../tools/schema-build/check-fragments.js';
import { fragmentsOf } from '../tools/schema-build/fragments-of.js';
import { mergeSchema } from '../tools/schema-build/merge.js';
import { readDatamodel } from '../tools/schema-build/prisma-wasm.js';

const SIZES = (process.env.BENCH_PLUGINS ?? '10,50,200').split(',').map(Number);

function pluginFiles(i: number): Record<string, string> {
  const name = `Generated${i}DataOutput`;
  const table = `generated_${i}_data_outputs`;
  const migration = `20260101${String(i).padStart(6, '0')}_generated_${i}`;
  return {
    'package.json': JSON.stringify({
      name: `@bench/portal-plugin-generated-${i}`,
      version: '1.0.0',
      type: 'module',
      exports: { './plugin': './index.js' },
      dataProductPortal: { plugin: './plugin' },
      peerDependencies: { '@data-product-portal/plugin-sdk': '^1.0.0', zod: '^4.1.0' },
    }),
    'index.js': `import { definePlugin, formField } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';
export default definePlugin({
  name: '${name}',
  version: '1.0.0',
  description: 'Generated plugin ${i}.',
  platform: { key: 'generated${i}', displayName: 'Generated ${i}', iconName: 'g.svg', detailedName: 'Thing', resultLabel: 'Result', resultTooltip: 'The result' },
  config: z.object({ bucket: formField(z.string().min(1), { label: 'Bucket', tooltip: 'The bucket', widget: 'select', optionsFrom: 'buckets' }) }),
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migration: new URL('./migrations/${migration}', import.meta.url),
});
`,
    'model.prisma': `model ${name} {
  id     String                  @id @db.Uuid
  base   DataOutputConfiguration @relation(fields: [id], references: [id], onDelete: Cascade)
  bucket String

  @@map("${table}")
}
`,
    [`migrations/${migration}/migration.sql`]: `CREATE TABLE "${table}" ("id" UUID NOT NULL, "bucket" TEXT NOT NULL, CONSTRAINT "${table}_pkey" PRIMARY KEY ("id"));
ALTER TABLE "${table}" ADD CONSTRAINT "${table}_id_fkey" FOREIGN KEY ("id") REFERENCES "data_output_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
`,
  };
}

/** A project whose direct dependencies are `count` generated plugin packages. */
function projectWith(count: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-bench-scale-'));
  const modules = path.join(dir, 'node_modules');
  for (const name of ['zod', '@data-product-portal/plugin-sdk']) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(findPackageDir(projectRoot, name) ?? '', path.join(modules, name), 'dir');
  }
  const dependencies: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    const pkg = path.join(modules, '@bench', `portal-plugin-generated-${i}`);
    for (const [file, text] of Object.entries(pluginFiles(i))) {
      mkdirSync(path.dirname(path.join(pkg, file)), { recursive: true });
      writeFileSync(path.join(pkg, file), text);
    }
    dependencies[`@bench/portal-plugin-generated-${i}`] = '1.0.0';
  }
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-host', private: true, dependencies }),
  );
  return dir;
}

async function timed<T>(run: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await run();
  return [value, performance.now() - start];
}

async function loaded(projectDir: string, verify?: ReturnType<typeof fragmentCheck>) {
  const report = await inspectPlugins({ projectDir, ...(verify ? { verify } : {}) });
  if (report.failures.length > 0) throw new Error(report.failures.map((f) => f.message).join('\n'));
  return report.registry;
}

console.log('Plugins at scale, ms (per plugin in brackets); each size in a fresh project');
console.log(
  `${'plugins'.padStart(7)}  ${'load'.padStart(15)}  ${'load + fragments'.padStart(17)}  ${'merge prisma'.padStart(15)}  ${'compose graphql'.padStart(15)}`,
);
const base = readBaseSchema();
// The first composition also loads and compiles graphql-js and Pothos; not part of any size.
buildSchema(await loaded(projectRoot));
for (const size of SIZES) {
  const dir = projectWith(size);
  try {
    const [registry, load] = await timed(() => loaded(dir));
    const [, check] = await timed(() => loaded(dir, fragmentCheck(base)));
    const [merged, merge] = await timed(() => mergeSchema(base, fragmentsOf(registry)));
    const { models } = readDatamodel([['schema.prisma', merged]]);
    const datamodel = { datamodel: { models: Object.fromEntries(models.map((m) => [m.name, m])) } };
    const [composed, compose] = await timed(() => buildSchema(registry, { datamodel }));
    // Every generated plugin brings its object type; a schema without them timed nothing.
    const missing = Array.from({ length: size }, (_, i) => `Generated${i + 1}DataOutput`).filter(
      (type) => composed.schema.getType(type) === undefined,
    );
    if (missing.length > 0) throw new Error(`Not composed: ${missing.join(', ')}`);
    const total = registry.list().length;
    const cell = (ms: number) => `${ms.toFixed(0)} (${(ms / total).toFixed(2)})`.padStart(15);
    console.log(
      `${String(total).padStart(7)}  ${cell(load)}  ${cell(check).padStart(17)}  ${cell(merge)}  ${cell(compose)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
