import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { projectRoot } from '../../src/paths.js';

const require = createRequire(import.meta.url);

function run(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
  return result.status ?? 1;
}

/**
 * `prisma generate`. The Prisma 7 CLI wants its native schema engine before it generates, but
 * never runs it for `generate`; the engine cannot be downloaded here, so point the CLI at an
 * existing file unless the operator set a real engine.
 */
export function prismaGenerate(): number {
  const cli = require.resolve('prisma/build/index.js');
  const engine = process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath;
  return run([cli, 'generate'], { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: engine });
}
