import { existsSync } from 'node:fs';
import { z } from 'zod';
import { checkEdgeSettings, edgeSettingsShape } from './http/settings.js';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

/** A comma-separated list; empty entries are dropped. */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean),
);

const list = commaList.refine(
  (entries) => entries.length > 0,
  'must name at least one plugin; leave it unset for the defaults',
);

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/,
        'must be a postgres:// or postgresql:// URL; leave it unset for the embedded database',
      )
      .optional(),
    PGLITE_DIR: z.string().default('./data/pglite'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    // Loopback unless told otherwise: a service reachable from the network is a decision (see HTTP edge).
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    ENABLED_PLUGINS: list.optional(),
    // Plugin packages installed as dependencies that must not be loaded, by package name.
    EXCLUDED_PLUGIN_PACKAGES: commaList
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/,
              'must list npm package names, e.g. @acme/portal-plugin-x',
            ),
        ),
      )
      .default([]),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Changes through other instances arrive by NOTIFY; this bounds the copy's age should one be lost.
    PLATFORM_SETTINGS_MAX_AGE_SECONDS: z.coerce.number().min(0).default(5),
    // The form preview page at /forms; unset: on outside production.
    FORMS_PAGE: z.enum(['on', 'off']).optional(),
    // HTTP edge: identity, request limits, cross-site requests, operations (src/http/settings.ts).
    ...edgeSettingsShape,

    // ---- Data safety: PostgreSQL timeouts and start-up (the README's "Running in production") ----
    // How long a statement may run, and wait for a row or table lock, before PostgreSQL stops it
    // (the request then answers DATABASE_TIMEOUT). 0 turns one off.
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
    // How long opening one connection to PostgreSQL may take. 0 waits as long as the network does.
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
    // How long start-up keeps retrying a PostgreSQL server it cannot reach. 0 tries once.
    DATABASE_STARTUP_RETRY_SECONDS: z.coerce.number().min(0).default(60),
  })
  .superRefine(checkEdgeSettings);

export type Env = z.output<typeof envSchema>;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A bad environment variable; the message names every offending variable. */
export class EnvError extends Error {
  constructor(readonly issues: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      `Invalid environment variables:\n${issues.map((i) => `- ${i.variable}: ${i.message}`).join('\n')}`,
    );
    this.name = 'EnvError';
  }
}

/** Parses the service's environment. Empty values count as unset, as in most .env tooling. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return parsed.data;
  throw new EnvError(
    parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0]),
      message: issue.message,
    })),
  );
}

/** Reads `.env` from the working directory into process.env, if present; set variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** The registry's options from the environment: which plugins to load. */
export function pluginSelection(env: Pick<Env, 'ENABLED_PLUGINS' | 'EXCLUDED_PLUGIN_PACKAGES'>) {
  return {
    enabledPlugins: env.ENABLED_PLUGINS,
    excludedPackages: env.EXCLUDED_PLUGIN_PACKAGES,
  };
}

/** Whether the form preview page is served: FORMS_PAGE, else everywhere but production. */
export function formsPageEnabled(env: Pick<Env, 'FORMS_PAGE' | 'NODE_ENV'>): boolean {
  return env.FORMS_PAGE === undefined ? env.NODE_ENV !== 'production' : env.FORMS_PAGE === 'on';
}
