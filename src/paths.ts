import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (the folder holding package.json), whatever the working directory. */
export const projectRoot = fileURLToPath(new URL('../', import.meta.url));

export const paths = {
  baseSchema: path.join(projectRoot, 'prisma/base.prisma'),
  mergedSchema: path.join(projectRoot, 'prisma/schema.prisma'),
  migrations: path.join(projectRoot, 'prisma/migrations'),
  graphqlSchema: path.join(projectRoot, 'schema.graphql'),
  internalPlugins: path.join(projectRoot, 'plugins'),
};

/** A path as shown in messages and generated files: relative to the project root. */
export function displayPath(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}
