import { parseEngineArgs, UsageError } from './args.js';
import { fromEngineRejection } from './engine-error.js';
import { postgresTarget } from './postgres-url.js';
import { writeLog } from './stderr-log.js';

// Entry of bin/schema-engine: a stand-in for Prisma's native schema-engine binary, which the
// Prisma CLI runs when PRISMA_SCHEMA_ENGINE_BINARY points at it. It answers the CLI with Prisma's
// own engine compiled to WebAssembly (@prisma/schema-engine-wasm, the engine build of the
// installed `prisma`), so `prisma migrate status|deploy|resolve` work where the native binary
// cannot be downloaded. Each mode imports only what it needs: the CLI starts the engine twice
// per command, and loading everything costs about a second each time.

// The native engine's exit code after a panic; the CLI reports it as an engine crash.
const PANIC_EXIT_CODE = 101;

// The CLI explains an engine that exits with 1 by the last ERROR line on stderr; for `cli`
// commands it reads `error_code` from the ERROR line of this target.
function exitWithError(error: unknown, exitCode = 1): never {
  const { message, errorCode } = fromEngineRejection(error);
  writeLog({
    level: 'ERROR',
    message,
    fields: errorCode ? { error_code: errorCode } : {},
    target: 'schema_engine::logger',
    always: true,
  });
  process.exit(exitCode);
}

async function main(argv: readonly string[]): Promise<void> {
  const invocation = parseEngineArgs(argv);
  if (invocation.kind === 'version') {
    const { loadSchemaEngineModule } = await import('../src/db/wasm-engine.js');
    process.stdout.write(`schema-engine-cli ${(await loadSchemaEngineModule()).version()}\n`);
    return;
  }
  // The CLI skips the first stderr line of `cli` runs, where the native engine says it started.
  writeLog({
    level: 'INFO',
    message: 'Starting schema engine (Prisma wasm engine, bin/schema-engine)',
    always: true,
  });

  if (invocation.kind === 'cli') {
    const { runCliCommand } = await import('./cli-commands.js');
    process.stdout.write(`${await runCliCommand(invocation.command, invocation.datasource)}\n`);
    return;
  }
  // `--datamodels` is not passed on: the migration history methods get all they need in their
  // params; the engine reads schema files only for multiSchema's `schemas = [...]`, which this
  // project's datasource does not use.
  if (!invocation.datasource) {
    throw new UsageError(
      'no --datasource given; set datasource.url in prisma.config.ts (this project reads DATABASE_URL)',
    );
  }
  const target = postgresTarget(invocation.datasource.url);
  const { runRpcServer } = await import('./rpc-mode.js');
  if ((await runRpcServer(target)) === 'panicked') process.exit(PANIC_EXIT_CODE);
}

// The wasm engine throws malformed-input errors from a callback instead of rejecting: that is a
// crash, reported as the native engine reports a panic.
process.on('uncaughtException', (error) => exitWithError(error, PANIC_EXIT_CODE));

main(process.argv.slice(2)).catch((error: unknown) => exitWithError(error));
