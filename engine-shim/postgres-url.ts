import { UsageError } from './args.js';

const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:']);

/** The parts of a PostgreSQL URL that messages name; never the password. */
export interface PostgresTarget {
  url: string;
  database: string;
  /** `host:port`, as Prisma's messages write it. */
  location: string;
  user: string;
}

/**
 * Checks that `url` is one this shim can serve: a plain PostgreSQL URL. The wasm engine runs on
 * `@prisma/adapter-pg` here, as the service does (src/db/connect.ts), so both see the same database.
 */
export function postgresTarget(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      'datasource.url is not a valid URL; set a postgres:// URL in DATABASE_URL (read by prisma.config.ts)',
    );
  }
  if (!POSTGRES_PROTOCOLS.has(parsed.protocol)) {
    throw new UsageError(
      `datasource.url uses ${parsed.protocol}//, but this schema engine (bin/schema-engine, Prisma's wasm engine on @prisma/adapter-pg) only serves PostgreSQL; use a postgres:// URL`,
    );
  }
  // The service connects with `pg`, which ignores `?schema=`: it always works in the default
  // search_path. Migrating another schema here would leave the service looking at `public`.
  const schema = parsed.searchParams.get('schema');
  if (schema !== null && schema !== 'public') {
    throw new UsageError(
      `datasource.url has ?schema=${schema}, which the service does not use (it always works in "public"); remove the parameter`,
    );
  }
  const database = decodeURIComponent(parsed.pathname.slice(1)) || 'postgres';
  const location = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  const user = decodeURIComponent(parsed.username) || process.env.USER || 'postgres';
  return { url, database, location, user };
}
