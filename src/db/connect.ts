import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Env } from '../env.js';
import { PrismaClient } from '../generated/prisma/client.js';

export type AdapterFactory = PrismaPGlite | PrismaPg;

export interface Database {
  prisma: PrismaClient;
  /** Driver adapter factory, shared with the in-process migration engine. */
  adapterFactory: AdapterFactory;
  /** For logs: which database this is, without credentials. */
  description: string;
  close(): Promise<void>;
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export interface ConnectOptions {
  /** Called with every SQL statement the client sends (for debug logs and query counts). */
  onQuery?: (sql: string) => void;
}

function clientOn(adapter: AdapterFactory, { onQuery }: ConnectOptions): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}

/** PostgreSQL through `pg` when DATABASE_URL is set, else embedded PGlite stored in PGLITE_DIR. */
export async function connectDatabase(
  env: Pick<Env, 'DATABASE_URL' | 'PGLITE_DIR'>,
  options: ConnectOptions = {},
): Promise<Database> {
  if (env.DATABASE_URL) {
    const adapterFactory = new PrismaPg({ connectionString: env.DATABASE_URL });
    const prisma = clientOn(adapterFactory, options);
    return {
      prisma,
      adapterFactory,
      description: `PostgreSQL at ${withoutPassword(env.DATABASE_URL)}`,
      close: () => prisma.$disconnect(),
    };
  }
  // `memory://` keeps the database in memory (tests); anything else is a folder.
  const inMemory = env.PGLITE_DIR.startsWith('memory://');
  const dir = inMemory ? env.PGLITE_DIR : path.resolve(env.PGLITE_DIR);
  if (!inMemory) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = clientOn(adapterFactory, options);
  return {
    prisma,
    adapterFactory,
    description: inMemory ? 'embedded PGlite in memory' : `embedded PGlite in ${dir}`,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
