import { loadEnv, pluginSelection } from '../src/env.js';
import { type LoadOptions, loadRegistry } from '../src/registry/registry.js';
import { fragmentCheck } from './schema-build/check-fragments.js';

/** A command's failure: its message says what went wrong and the fix; the command exits 1. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

/** A command: runs with its arguments and resolves to its exit code (0 when it returns none). */
export type Command = (args: readonly string[]) => Promise<number | undefined>;

/**
 * The plugins as the tools load them: ENABLED_PLUGINS and the installed packages, each plugin's
 * Prisma fragment checked against the base schema.
 */
export function loadToolRegistry(options: LoadOptions = {}) {
  return loadRegistry({
    ...pluginSelection(loadEnv()),
    verify: fragmentCheck(),
    warn: (message) => console.warn(message),
    ...options,
  });
}
