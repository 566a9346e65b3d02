import { existsSync, readFileSync } from 'node:fs';
import { displayPath, paths } from '../../src/paths.js';
import type { PluginRegistry } from '../../src/registry/registry.js';
import { fragmentsOf } from './fragments-of.js';
import { mergeSchema } from './merge.js';
import { describeCopy, type MigrationCopy, pluginMigrationCopies } from './plugin-migrations.js';

/** What `npm run schema:build` would write for the enabled plugins, compared with what is on disk. */
export interface BuildState {
  /** The merged Prisma schema the build would write to prisma/schema.prisma. */
  merged: string;
  /** prisma/schema.prisma exists and equals `merged`. */
  schemaFresh: boolean;
  /** Plugin migration copies in prisma/migrations that are missing or differ from the plugin's own. */
  staleCopies: MigrationCopy[];
}

export function buildState(registry: PluginRegistry): BuildState {
  const merged = mergeSchema(
    { file: paths.baseSchema, text: readFileSync(paths.baseSchema, 'utf8') },
    fragmentsOf(registry),
  );
  const schemaFresh =
    existsSync(paths.mergedSchema) && readFileSync(paths.mergedSchema, 'utf8') === merged;
  const staleCopies = pluginMigrationCopies(registry, paths.migrations).filter(
    (copy) => !copy.upToDate,
  );
  return { merged, schemaFresh, staleCopies };
}

/** The stale files among prisma/schema.prisma and the plugin migration copies, as shown in messages. */
export function staleFiles(state: BuildState): string[] {
  return [
    ...(state.schemaFresh ? [] : [displayPath(paths.mergedSchema)]),
    ...state.staleCopies.map(describeCopy),
  ];
}
