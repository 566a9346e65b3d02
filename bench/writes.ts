// What a create through the API costs against its floor, in one run, on embedded PGlite and on
// PostgreSQL (BENCH_BACKENDS=pglite or =postgres runs one):
// - create: createDataOutputConfiguration over HTTP (token verified, input validated against the
//   platform's settings read in the write's transaction, request logged), the service in its own
//   process;
// - prisma create: Prisma's own nested create of the same two rows, here in this process;
// - prisma tx: the service's own stores doing a create (settings read FOR SHARE, two creates) in
//   one Prisma interactive transaction, here too, without HTTP and GraphQL;
// - raw insert: the same two INSERTs in one transaction straight on the driver, here too.
// The floors run on their own database of the same kind: PGlite in memory from the build's migrated
// seed, or the service's PostgreSQL database through a pool of the adapter's default size.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { historyKey, migratedSeedPath, seedFor } from '../src/db/pglite-seed.js';
import { PrismaClient } from '../src/generated/prisma/client.js';
import { paths } from '../src/paths.js';
import { DataOutputStore } from '../src/store/data-output-store.js';
import { PlatformSettingsStore } from '../src/store/platform-settings-store.js';
import { createScratchDatabase } from '../test/support/postgres.js';
import {
  BACKENDS,
  CONCURRENCY,
  call,
  closeAgent,
  interleaved,
  type Run,
  row,
  SECONDS,
  startServer,
  timed,
} from './support/http-load.js';
import { CREATE, configurePlatforms } from './support/seed.js';

const ROUNDS = 3;

/** The Glue row the service stores for database `sales` and this suffix (schema level). */
function glueRow(suffix: string) {
  return {
    database: 'sales',
    databaseSuffix: suffix,
    accessGranularity: 'schema',
    table: '*',
    bucketIdentifier: 'sales',
    databasePath: `sales__${suffix}`,
    tablePath: '*',
  };
}

const INSERT_BASE =
  'INSERT INTO data_output_configurations (id, plugin, created_at, updated_at) VALUES ($1, $2, now(), now())';
const INSERT_GLUE =
  'INSERT INTO glue_data_outputs (id, database, database_suffix, access_granularity, "table", bucket_identifier, database_path, table_path) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';

function insertValues(id: string, suffix: string): unknown[] {
  return [id, ...Object.values(glueRow(suffix))];
}

interface Floor {
  prisma: PrismaClient;
  /** The two INSERTs in one transaction. */
  insert(suffix: string): Promise<void>;
  close(): Promise<void>;
}

async function pgliteFloor(): Promise<Floor> {
  // The build's copy of a database with the project's history applied, as a new service gets.
  if (!existsSync(migratedSeedPath(historyKey(paths.migrations))))
    throw new Error('No migrated PGlite seed for this history: run `npm run build` first.');
  const pglite = await PGlite.create('memory://', {
    loadDataDir: seedFor('memory://', true, paths.migrations) as Blob,
  });
  return {
    prisma: new PrismaClient({ adapter: new PrismaPGlite(pglite) }),
    insert: (suffix) =>
      pglite.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(INSERT_BASE, [id, 'GlueDataOutput']);
        await tx.query(INSERT_GLUE, insertValues(id, suffix));
      }),
    close: () => pglite.close(),
  };
}

async function postgresFloor(url: string): Promise<Floor> {
  const pool = new pg.Pool({ connectionString: url });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  return {
    prisma,
    insert: async (suffix) => {
      const client = await pool.connect();
      try {
        const id = randomUUID();
        await client.query('BEGIN');
        await client.query(INSERT_BASE, [id, 'GlueDataOutput']);
        await client.query(INSERT_GLUE, insertValues(id, suffix));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function measureOn(label: string, floor: Floor, databaseUrl?: string): Promise<void> {
  const server = await startServer(databaseUrl);
  try {
    await configurePlatforms(server.url);
    const settings = new PlatformSettingsStore(floor.prisma, 0);
    const store = new DataOutputStore(floor.prisma, [
      { plugin: 'GlueDataOutput', relation: 'glue' },
    ]);
    let round = 0;
    const totals = await interleaved(
      {
        create: (seconds) => {
          round += 1;
          return timed(seconds, (n) =>
            call(server.url, CREATE, {
              input: { glue: { database: 'sales', databaseSuffix: `api_${round}_${n}` } },
            }),
          );
        },
        'prisma create': (seconds) => {
          round += 1;
          return timed(seconds, (n) =>
            floor.prisma.dataOutputConfiguration.create({
              data: { plugin: 'GlueDataOutput', glue: { create: glueRow(`prisma_${round}_${n}`) } },
              include: { glue: true },
            }),
          );
        },
        // What the service's store does inside the request, without HTTP and GraphQL: read the
        // platform's settings FOR SHARE, then the two single-model creates, in one interactive
        // transaction.
        'prisma tx': (seconds) => {
          round += 1;
          return timed(seconds, (n) =>
            floor.prisma.$transaction(async (tx) => {
              await settings.inTransaction(tx, 'glue');
              await store.create('GlueDataOutput', glueRow(`tx_${round}_${n}`), undefined, tx);
            }),
          );
        },
        'raw insert': (seconds) => {
          round += 1;
          return timed(seconds, (n) => floor.insert(`raw_${round}_${n}`));
        },
      },
      ROUNDS,
    );
    const seconds = SECONDS * ROUNDS;
    const reference = (totals.get('raw insert') as Run).count / seconds;
    console.log(`\n${label}`);
    console.log('case            req/s   vs raw    p50 ms   p99 ms');
    for (const [name, run] of totals) console.log(row(name, run, seconds, reference));
  } finally {
    server.stop();
  }
}

console.log(
  `creates of one Glue configuration, concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS}s per case, Node ${process.version}`,
);
try {
  if (BACKENDS.includes('pglite')) {
    const floor = await pgliteFloor();
    try {
      await measureOn('embedded PGlite (in memory)', floor);
    } finally {
      await floor.close();
    }
  }
  if (BACKENDS.includes('postgres')) {
    const db = await createScratchDatabase('bench_writes');
    // The service migrates the new database when it starts, before the floors first run.
    const floor = await postgresFloor(db.url);
    try {
      await measureOn('PostgreSQL', floor, db.url);
    } finally {
      await floor.close();
      await db.drop();
    }
  }
} finally {
  closeAgent();
}
