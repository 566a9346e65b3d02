import { writeFileSync } from 'node:fs';
import { loadConfig, loadDotEnv, pluginSelection } from '../config.js';
import { displayPath, paths } from '../paths.js';
import { loadRegistry } from '../registry/registry.js';
import { buildState, staleFiles } from './build-state.js';
import { writeMigrationCopy } from './plugin-migrations.js';
import { graphqlCodegen, prismaGenerate } from './run-tool.js';

// `npm run schema:build`: merge the Prisma schema, copy plugin migrations, generate the Prisma
// client, Pothos types and schema.graphql. With --check: change no committed file, exit 1 if any
// is stale (it still generates the git-ignored client, which loading the GraphQL schema needs).
const check = process.argv.includes('--check');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

try {
  loadDotEnv();
  const registry = await loadRegistry({
    ...pluginSelection(loadConfig()),
    warn: (m) => console.warn(m),
  });
  console.log(`Plugins: ${registry.names().join(', ') || 'none'}`);
  const state = buildState(registry);
  const { merged, schemaFresh, staleCopies } = state;
  if (check) {
    const stale = staleFiles(state);
    if (schemaFresh && prismaGenerate() !== 0) fail('prisma generate failed (see above).');
    if (schemaFresh && graphqlCodegen(true) !== 0) stale.push(displayPath(paths.graphqlSchema));
    if (stale.length > 0)
      fail(
        `Stale generated files (run \`npm run schema:build\` and commit):\n- ${stale.join('\n- ')}`,
      );
    console.log('Generated files are up to date.');
  } else {
    if (!schemaFresh) writeFileSync(paths.mergedSchema, merged);
    for (const copy of staleCopies) writeMigrationCopy(copy);
    console.log(
      `Wrote ${displayPath(paths.mergedSchema)}${schemaFresh ? ' (unchanged)' : ''}; ${staleCopies.length} migration(s) copied.`,
    );
    if (prismaGenerate() !== 0) fail('prisma generate failed (see above).');
    if (graphqlCodegen(false) !== 0) fail('GraphQL Code Generator failed (see above).');
    console.log(`Wrote ${displayPath(paths.graphqlSchema)}.`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
