import { loadDotEnv } from '../src/env.js';
import type { Command } from './command.js';

// The project's commands by name (`tools/cli.ts` runs them; the npm scripts of the same names call
// it). Each command's module is imported only when it runs.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  build: {
    summary: 'compile the service and the internal plugins to dist/ (what npm start runs)',
    load: async () => (await import('./build.js')).build,
  },
  'schema:build': {
    summary:
      'merge prisma/schema.prisma, copy plugin migrations, generate the client and schema.graphql (--check: only verify)',
    load: async () => (await import('./schema-build/build.js')).schemaBuild,
  },
  'migration:create': {
    summary: "write the next migration (<name>), or a plugin's own (--plugin <Name>)",
    load: async () => (await import('./migrations/create.js')).migrationCreate,
  },
  'migration:check': {
    summary: 'prove the migration history builds prisma/schema.prisma exactly',
    load: async () => (await import('./migrations/check.js')).migrationCheck,
  },
  'auth:token': {
    summary:
      'mint a bearer token for local tests, signed with a key pair of this machine (--roles editor,admin --subject --expires)',
    load: async () => (await import('./auth/dev-token.js')).authToken,
  },
  'plugin:new': {
    summary:
      'write a new plugin in plugins/<key>/: an internal folder, or a package with --package (<Name> --platform <key>)',
    load: async () => (await import('./plugins/new.js')).pluginNew,
  },
  'plugins:retire': {
    summary:
      "write the migration that drops a plugin's table and configurations, after confirmation (<Name> [--yes])",
    load: async () => (await import('./plugins/retire.js')).pluginsRetire,
  },
  'plugins:inspect': {
    summary: 'list the plugins the service would load and every broken one (--json)',
    load: async () => (await import('./plugins/inspect.js')).pluginsInspect,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`,
  );
  return `Usage: npm run <command> [-- args]\n\nCommands:\n${lines.join('\n')}`;
}

/** Runs one command by name and resolves to the process's exit code. */
export async function runCommand(
  name: string | undefined,
  args: readonly string[],
): Promise<number> {
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    console.error(name === undefined ? usage() : `Unknown command ${name}.\n\n${usage()}`);
    return 2;
  }
  try {
    loadDotEnv();
    return (await (await command.load())(args)) ?? 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
    return 1;
  }
}
