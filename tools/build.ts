import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildFormsPage, PAGE_OUTPUT } from '../forms/build.js';
import { displayPath, projectRoot } from '../src/paths.js';
import { CommandFailure } from './command.js';
import { writePgliteSeed } from './pglite-seed.js';
import { bundleService, SERVICE_BUNDLE } from './service-bundle.js';

const require = createRequire(import.meta.url);

// What a compiled internal plugin needs beside its code: it finds them from its own module URL.
const PLUGIN_FILES = ['model.prisma', 'migrations'];

/** The internal plugin folders of the source tree (plugin packages build themselves). */
function internalPlugins(): string[] {
  const dir = path.join(projectRoot, 'plugins');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(dir, name, 'index.ts')))
    .filter((name) => !existsSync(path.join(dir, name, 'package.json')));
}

/**
 * `npm run build`: compiles the service and the internal plugins to `dist/`; bundles the service
 * into `dist/src/start.js` (`npm start` runs `dist/src/main.js`, which loads it, with plain Node,
 * no TypeScript loader); copies each internal plugin's Prisma fragment and migrations beside its
 * compiled entry; bundles the form preview page (`forms/`, served at /forms) into
 * `dist/forms/page`; writes the seeds of new PGlite databases (`dist/pglite-seed/`). Needs
 * `npm run schema:build` first: the generated Prisma client is compiled with the service.
 */
export async function build(): Promise<undefined> {
  if (!existsSync(path.join(projectRoot, 'src/generated/prisma/client.ts'))) {
    throw new CommandFailure(
      'The Prisma client is not generated: run `npm run schema:build` first.',
    );
  }
  const tsc = require.resolve('typescript/bin/tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (compiled.status !== 0)
    throw new CommandFailure('The TypeScript compiler failed (see above).');
  await bundleService();
  for (const name of internalPlugins()) {
    for (const file of PLUGIN_FILES) {
      const from = path.join(projectRoot, 'plugins', name, file);
      if (existsSync(from))
        cpSync(from, path.join(projectRoot, 'dist/plugins', name, file), { recursive: true });
    }
  }
  await buildFormsPage();
  const seed = await writePgliteSeed();
  console.log(
    `Compiled the service and bundled it into ${displayPath(SERVICE_BUNDLE)} (run by dist/src/main.js), bundled the form preview page into ${displayPath(PAGE_OUTPUT)} and wrote the PGlite databases new ones start from (empty, and with the migrations applied): ${seed}.`,
  );
}
