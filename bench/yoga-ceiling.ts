// How close `{ __typename }` comes to what graphql-yoga itself allows here: the service as in
// production (token verified, a log line per request), the service without token verification,
// graphql-yoga with nothing added, and plain node:http writing the same answer. Interleaved rounds, requests/s
// and the ratio to bare yoga; nothing is asserted. The service runs on PGlite in memory (this
// query reads no table).
import {
  CONCURRENCY,
  call,
  closeAgent,
  interleaved,
  type Run,
  row,
  SECONDS,
  type Server,
  startServer,
  timed,
} from './support/http-load.js';

const ROUNDS = 3;
const QUERY = '{ __typename }';

const servers: Record<string, Server> = {
  service: await startServer(),
  'service, no token': await startServer(undefined, { AUTH_DISABLED: 'true' }),
  'yoga alone': await startServer(
    undefined,
    { REFERENCE: 'yoga' },
    'bench/support/reference-server.ts',
  ),
  'node:http': await startServer(
    undefined,
    { REFERENCE: 'http' },
    'bench/support/reference-server.ts',
  ),
};
try {
  const cases = Object.fromEntries(
    Object.entries(servers).map(([name, server]) => [
      name,
      (seconds: number) => timed(seconds, () => call(server.url, QUERY)),
    ]),
  );
  const totals = await interleaved(cases, ROUNDS);
  const seconds = SECONDS * ROUNDS;
  const reference = (totals.get('yoga alone') as Run).count / seconds;
  console.log(
    `{ __typename }, concurrency ${CONCURRENCY}, ${ROUNDS} rounds x ${SECONDS}s, Node ${process.version}`,
  );
  console.log('server          req/s   vs yoga alone  p50 ms   p99 ms');
  for (const name of Object.keys(servers))
    console.log(row(name, totals.get(name) as Run, seconds, reference));
} finally {
  for (const server of Object.values(servers)) server.stop();
  closeAgent();
}
