// PostGraphile 4 over the `public` schema of DATABASE_URL, on 127.0.0.1:PORT, for bench/peer/run.ts.
// Plain JavaScript run with node from this folder: `postgraphile` and `graphql` then resolve from
// bench/peer/node_modules (graphql 15), never the project's graphql 16, and the root type-check
// need not read PostGraphile's types.
import http from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 0);

// As many connections as the service's Prisma pool (pg's default of 10, src/db/connect.ts).
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: Number(process.env.POOL_SIZE ?? 10),
});

// The options PostGraphile's documentation recommends for production, minus what a benchmark does
// not use (subscriptions, JWT). Default mutations stay on: they are the peer's `create`.
const middleware = postgraphile(pool, 'public', {
  graphiql: false,
  disableQueryLog: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  ignoreRBAC: false,
  disableDefaultMutations: false,
  legacyRelations: 'omit',
  retryOnInitFail: false,
  watchPg: false,
  showErrorStack: false,
  extendedErrors: ['errcode'],
});

// Introspect and build the schema before listening, so an answering port means ready.
await middleware.getGraphQLSchema();
const server = http.createServer(middleware);
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`PostGraphile serving at http://127.0.0.1:${actual}/graphql`);
});

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void middleware.release().then(() => pool.end());
});
