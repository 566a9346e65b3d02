import { printSchema } from 'graphql';
import type { PluginRegistry } from '../../src/registry/registry.js';

const HEADER =
  '# GENERATED FILE, do not edit. `npm run schema:build` writes it from the enabled plugins.\n';

/**
 * schema.graphql as committed: the composed schema of the enabled plugins in definition order
 * (input fields follow the plugins' form order), printed by graphql-js.
 *
 * The schema module is imported only when called, after `prisma generate` has run, so it loads
 * the client just written for the merged Prisma schema.
 */
export async function graphqlSdl(registry: PluginRegistry): Promise<string> {
  const { buildSchema } = await import('../../src/graphql/schema.js');
  return `${HEADER}\n${printSchema(buildSchema(registry).schema)}`;
}
