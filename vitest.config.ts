import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Node (and the dependencies vitest leaves to Node) load graphql's CommonJS build; Vite would
    // pick its ESM build for test files. Two copies of graphql reject each other's types.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // plugins/*/test: the tests each plugin package also runs on its own.
    include: ['test/**/*.test.ts', 'plugins/*/test/**/*.test.ts'],
    // PGlite, the wasm schema engine and child processes take seconds to start on a 2-core machine.
    testTimeout: 60_000,
    // Most test time is spent waiting on other processes (the service, npm, PostgreSQL, Chromium),
    // so more files run at once than there are cores; vitest's default on 2 cores is one.
    maxWorkers: 3,
    // A worker keeps the modules it loaded for its next file (Prisma's client, Pothos, graphql,
    // PGlite): re-importing them for each of some 80 files cost more than a third of the suite's
    // CPU time. Each file still starts its own services and databases.
    isolate: false,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
