import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Whether this is the compiled service (`dist/src/paths.js`, `npm start`) or its TypeScript source
 * run by tsx (`src/paths.ts`, `npm run dev`, the tests).
 */
export const compiled = import.meta.url.endsWith('.js');

/** The project root (the folder holding package.json), whatever the working directory. */
export const projectRoot = fileURLToPath(new URL(compiled ? '../../' : '../', import.meta.url));

export const paths = {
  baseSchema: path.join(projectRoot, 'prisma/base.prisma'),
  mergedSchema: path.join(projectRoot, 'prisma/schema.prisma'),
  migrations: path.join(projectRoot, 'prisma/migrations'),
  graphqlSchema: path.join(projectRoot, 'schema.graphql'),
  /** The internal plugins: their sources, or their compiled copies with their files beside them. */
  internalPlugins: path.join(projectRoot, compiled ? 'dist/plugins' : 'plugins'),
  /** The entry file of an internal plugin's folder. */
  internalPluginEntry: compiled ? 'index.js' : 'index.ts',
};

/** A path as shown in messages and generated files: relative to the project root. */
export function displayPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}
