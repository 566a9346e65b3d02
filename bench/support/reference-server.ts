// The references the ceiling bench sets the service beside, in a process of their own: graphql-yoga
// with nothing added (REFERENCE=yoga, its defaults: parser and validation caches on) and plain
// node:http writing a fixed answer (REFERENCE=http: what HTTP alone costs here). Each logs its
// address as the service does.
import http from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';

const ANSWER = JSON.stringify({ data: { __typename: 'Query' } });

function handler(): http.RequestListener {
  if (process.env.REFERENCE === 'http')
    return (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(ANSWER),
        });
        res.end(ANSWER);
      });
    };
  return createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
    logging: false,
    graphiql: false,
    landingPage: false,
  });
}

const server = http.createServer(handler());
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`Serving GraphQL at http://127.0.0.1:${address.port}/graphql`);
});
