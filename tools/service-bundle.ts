import path from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../src/paths.js';

/**
 * The service in one file, in place of tsc's `dist/src/start.js`. `npm start` runs
 * `dist/src/main.js`, which sets up the process and then imports it.
 */
export const SERVICE_BUNDLE = path.join(projectRoot, 'dist/src/start.js');

/**
 * Packages the bundle leaves in node_modules, each for a reason that would break it if bundled:
 * - shared with plugins, which import them from node_modules: one copy, or Zod schemas and SDK
 *   values made by a plugin would not be recognised by the service's copy;
 * - they read their own files beside their modules at run time (PGlite's WebAssembly and data
 *   files, Prisma's query compiler and schema engine, pino's transport worker);
 * - `pg` is also loaded by the external Prisma adapter: bundled, it would exist twice;
 * - GraphiQL's page is loaded only in development, on first use.
 */
const EXTERNAL = [
  'zod',
  '@data-product-portal/plugin-sdk',
  '@electric-sql/pglite',
  '@prisma/*',
  'pg',
  'pino',
  'pino-pretty',
  '@graphql-yoga/render-graphiql',
];

/**
 * Bundles the service's own code and most of its dependencies into `dist/src/start.js`.
 * Node then loads one file instead of about a thousand modules, each resolved and read on its
 * own: `npm run bench:startup` measures the difference. Plugins stay separate modules (each is
 * imported by path at start-up) and so do the packages in EXTERNAL. Nothing is minified. Names
 * are not kept: esbuild's `keepNames` names every function as it is created, and that cost a third
 * of the `{ __typename }` throughput in `npm run bench:peer`. No code here reads a class's name.
 */
export async function bundleService(): Promise<void> {
  await build({
    entryPoints: [path.join(projectRoot, 'src/start.ts')],
    outfile: SERVICE_BUNDLE,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external: EXTERNAL.flatMap((name) => (name.endsWith('/*') ? [name] : [name, `${name}/*`])),
    // The CommonJS packages inside an ES module bundle call require(): give them one.
    banner: {
      js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);",
    },
    tsconfig: path.join(projectRoot, 'tsconfig.json'),
    logLevel: 'warning',
  });
}
