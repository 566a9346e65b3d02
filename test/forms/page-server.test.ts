import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formsPage } from '../../forms/server/page.js';
import type { PageHandler } from '../../src/http/server.js';

// The page handler on its own: what it answers under /forms, and what it leaves to the API.

async function serve(handler: PageHandler): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (!handler(request, response)) response.writeHead(418).end('left to the API');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the form preview page handler', () => {
  let dir = '';
  const servers: Server[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'forms-page-server-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(path.join(dir, 'main.js'), 'console.log(1)');
  });
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the built files under /forms, only from this host, and leaves other paths alone', async () => {
    const { url, server } = await serve(formsPage(dir, () => {}));
    servers.push(server);
    const page = await fetch(`${url}/forms`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${url}/forms/main.js`)).headers.get('content-type')).toContain(
      'text/javascript',
    );
    expect((await fetch(`${url}/forms/nope.js`)).status).toBe(404);
    expect((await fetch(`${url}/forms/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${url}/forms`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${url}/formsx`)).status).toBe(418);
    expect((await fetch(`${url}/graphql`)).status).toBe(418);
  });

  it('when not built: warns with the fix at start-up and answers 503 with it', async () => {
    const warnings: string[] = [];
    const { url, server } = await serve(
      formsPage(path.join(dir, 'missing'), (message) => warnings.push(message)),
    );
    servers.push(server);
    expect(warnings).toEqual([expect.stringContaining('run `npm run build:forms`')]);
    const answer = await fetch(`${url}/forms`);
    expect(answer.status).toBe(503);
    expect(await answer.text()).toBe(warnings[0]);
  });
});
