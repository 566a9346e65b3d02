import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { COMPILED, commandEnv, startServiceProcess } from '../support/scratch-project.js';

// What the service prints, as a process whose output is a pipe (not a terminal), with nothing
// (NO_COLOR) asking it to leave colours out.

function serviceEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = commandEnv({
    PGLITE_DIR: 'memory://',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...extra,
  });
  delete env.NO_COLOR;
  return env;
}

async function requestForm(url: string, requestId: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify({ query: 'query Form { pluginForm(name: "Nope") { name } }' }),
  });
  expect(response.status).toBe(200);
}

describe('log format', { timeout: 180_000 }, () => {
  it('is one JSON object a line in production, request lines included', async () => {
    const service = await startServiceProcess(
      projectRoot,
      serviceEnv({ NODE_ENV: 'production', AUTH_DISABLED: 'true' }),
      120_000,
      COMPILED,
    );
    try {
      await requestForm(service.url, 'json-1');
    } finally {
      expect(await service.stop()).toBe(0);
    }
    const stdout = service.stdout();
    expect(stdout).not.toContain('\u001b[');
    const lines = stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => String(line.msg).startsWith('AUTH_DISABLED=true'))).toMatchObject({
      level: 40,
    });
    expect(lines.find((line) => line.reqId === 'json-1')).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'Form',
      outcome: 'errors',
      errors: ['PLUGIN_NOT_FOUND'],
    });
    expect(lines.at(-1)?.msg).toBe('Stopped: database closed');
  });

  it('is readable lines without colour codes in development when the output is not a terminal', async () => {
    const service = await startServiceProcess(
      projectRoot,
      serviceEnv({ NODE_ENV: 'development' }),
      120_000,
    );
    try {
      await requestForm(service.url, 'text-1');
    } finally {
      expect(await service.stop()).toBe(0);
    }
    const stdout = service.stdout();
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).toMatch(
      /^\[[\d:.]+\] INFO: Serving GraphQL at http:\/\/127\.0\.0\.1:\d+\/graphql$/m,
    );
    expect(stdout).toMatch(
      /^\[[\d:.]+\] INFO: \[text-1\] POST \/graphql 200 Form [\d.]+ ms errors \(PLUGIN_NOT_FOUND\)$/m,
    );
  });
});
