import { readFileSync, writeFileSync } from 'node:fs';
import { displayPath, paths } from '../../src/paths.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { buildState, staleFiles } from './build-state.js';
import { graphqlSdl } from './graphql-sdl.js';
import { writeMigrationCopy } from './plugin-migrations.js';
import { prismaGenerate } from './run-tool.js';

/**
 * `npm run schema:build`: merge the Prisma schema, copy plugin migrations, generate the Prisma
 * client, Pothos types and schema.graphql. With `--check` (`npm run schema:check`): change no
 * committed file and fail if any is stale (it still generates the git-ignored client, which
 * loading the GraphQL schema needs).
 */
export async function schemaBuild(args: readonly string[]): Promise<undefined> {
  const check = args.includes('--check');
  const registry = await loadToolRegistry();
  console.log(`Plugins: ${registry.names().join(', ') || 'none'}`);
  const state = buildState(registry);
  const { merged, schemaFresh, staleCopies } = state;
  if (check) {
    const stale = staleFiles(state);
    if (schemaFresh && prismaGenerate() !== 0)
      throw new CommandFailure('prisma generate failed (see above).');
    if (schemaFresh && !sameText(paths.graphqlSchema, await graphqlSdl(registry)))
      stale.push(displayPath(paths.graphqlSchema));
    if (stale.length > 0) {
      throw new CommandFailure(
        `Stale generated files (run \`npm run schema:build\` and commit):\n- ${stale.join('\n- ')}`,
      );
    }
    console.log('Generated files are up to date.');
    return;
  }
  if (!schemaFresh) writeFileSync(paths.mergedSchema, merged);
  for (const copy of staleCopies) writeMigrationCopy(copy);
  const unchanged = schemaFresh ? ' (unchanged)' : '';
  console.log(
    `Wrote ${displayPath(paths.mergedSchema)}${unchanged}; ${staleCopies.length} migration(s) copied.`,
  );
  if (prismaGenerate() !== 0) throw new CommandFailure('prisma generate failed (see above).');
  writeFileSync(paths.graphqlSchema, await graphqlSdl(registry));
  console.log(`Wrote ${displayPath(paths.graphqlSchema)}.`);
}

function sameText(file: string, text: string): boolean {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}
