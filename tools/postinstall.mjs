// `npm install` runs this. With the development dependencies (a clone being set up), it builds
// the plugin SDK, runs the schema build and compiles the service, so `npm start` works straight
// after. A production install has no build tools: it keeps what the build made before it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function installed(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

function run(script) {
  const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Checked by packages only the build uses: `prisma` and `typescript` also come with a production
// install unless optional packages are left out, as optional peers of @prisma/client.
if (installed('tsx') && installed('@prisma/prisma-schema-wasm')) {
  run('build:sdk');
  run('schema:build');
  run('build');
} else {
  const built = existsSync('sdk/dist/index.js') && existsSync('dist/src/main.js');
  console.log(
    built
      ? 'Production install: the build tools are not installed; `npm start` runs the build made before (dist/).'
      : 'Production install without a build: run `npm install` (with the development dependencies) and ' +
          'build first (it runs the build), then install for production.',
  );
}
