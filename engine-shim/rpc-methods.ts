import type {
  ApplyMigrationsInput,
  DiagnoseMigrationHistoryInput,
  MarkMigrationAppliedInput,
  MarkMigrationRolledBackInput,
  MigrationList,
  SchemaFilter,
} from '@prisma/schema-engine-wasm';
import { z } from 'zod';
import type { SchemaEngine } from '../src/db/schema-engine.js';

// The JSON-RPC methods this shim serves, with their params checked before they reach the wasm
// engine: it does not reject malformed input, it throws from a callback and takes the process
// down ("missing field `migrationsList`"). The shapes are the engine's own input types
// (@prisma/schema-engine-wasm), which the CLI sends as they are.

const migrationList = z.object({
  baseDir: z.string(),
  lockfile: z.object({ path: z.string(), content: z.string().nullable() }),
  shadowDbInitScript: z.string(),
  migrationDirectories: z.array(
    z.object({
      path: z.string(),
      migrationFile: z.object({
        path: z.string(),
        content: z.discriminatedUnion('tag', [
          z.object({ tag: z.literal('ok'), value: z.string() }),
          z.object({ tag: z.literal('error'), value: z.string() }),
        ]),
      }),
    }),
  ),
}) satisfies z.ZodType<MigrationList>;

const filters = z.object({
  externalTables: z.array(z.string()),
  externalEnums: z.array(z.string()),
}) satisfies z.ZodType<SchemaFilter>;

const applyMigrationsInput = z.object({
  migrationsList: migrationList,
  filters,
}) satisfies z.ZodType<ApplyMigrationsInput>;
const diagnoseInput = z.object({
  migrationsList: migrationList,
  optInToShadowDatabase: z.boolean(),
  filters,
}) satisfies z.ZodType<DiagnoseMigrationHistoryInput>;
const markAppliedInput = z.object({
  migrationsList: migrationList,
  migrationName: z.string(),
}) satisfies z.ZodType<MarkMigrationAppliedInput>;
const markRolledBackInput = z.object({
  migrationName: z.string(),
}) satisfies z.ZodType<MarkMigrationRolledBackInput>;

/** JSON-RPC "Invalid params" (-32602). */
export class InvalidParamsError extends Error {
  override name = 'InvalidParamsError';
}

/** JSON-RPC "Method not found" (-32601). */
export class MethodNotFoundError extends Error {
  override name = 'MethodNotFoundError';
}

type Method = (engine: SchemaEngine, params: unknown) => Promise<unknown>;

function withParams<T>(
  method: string,
  schema: z.ZodType<T>,
  call: (engine: SchemaEngine, input: T) => Promise<unknown>,
): Method {
  return (engine, params) => {
    const parsed = schema.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(params)'}: ${issue.message}`,
      );
      throw new InvalidParamsError(`invalid params for ${method}: ${issues.join('; ')}`);
    }
    return call(engine, parsed.data);
  };
}

const METHODS: Record<string, Method> = {
  // prisma migrate deploy
  applyMigrations: withParams('applyMigrations', applyMigrationsInput, (engine, input) =>
    engine.applyMigrations(input),
  ),
  // prisma migrate status
  diagnoseMigrationHistory: withParams('diagnoseMigrationHistory', diagnoseInput, (engine, input) =>
    engine.diagnoseMigrationHistory(input),
  ),
  // prisma migrate resolve --applied / --rolled-back
  markMigrationApplied: withParams('markMigrationApplied', markAppliedInput, (engine, input) =>
    engine.markMigrationApplied(input),
  ),
  markMigrationRolledBack: withParams(
    'markMigrationRolledBack',
    markRolledBackInput,
    (engine, input) => engine.markMigrationRolledBack(input),
  ),
  // Asked for by the CLI's crash reports. The params name a datasource, but the engine is bound
  // to --datasource and ignores them.
  getDatabaseVersion: (engine) => engine.version(),
  // Sent instead of every request under FORCE_PANIC_SCHEMA_ENGINE=1, to test panic handling.
  debugPanic: async (engine) => engine.debugPanic(),
};

/** The method's handler; throws `MethodNotFoundError` for methods this shim does not serve. */
export function rpcMethod(name: string): Method {
  const method = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  if (method) return method;
  throw new MethodNotFoundError(
    `The schema engine shim (bin/schema-engine, Prisma's wasm engine) has no method \`${name}\`: it serves \`prisma migrate status\`, \`migrate deploy\` and \`migrate resolve\` (methods ${Object.keys(METHODS).join(', ')}). Commands that need a shadow database or introspection need Prisma's native schema engine.`,
  );
}
