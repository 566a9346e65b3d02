import { describe, expect, it } from 'vitest';
import { PluginLoadFailures } from '../../src/registry/errors.js';
import { startTestService } from '../support/service.js';

describe('start-up failures', () => {
  it('stops on a plugin entry that does not load, naming it', async () => {
    const started = startTestService({
      ENABLED_PLUGINS: 'GlueDataOutput,./test/fixtures/plugins/throws-on-import.ts',
    });
    await expect(started).rejects.toBeInstanceOf(PluginLoadFailures);
    await expect(started).rejects.toThrow(
      'Plugin ./test/fixtures/plugins/throws-on-import.ts: throws while being imported: boom at import time',
    );
  });
});

describe('start-up on a busy port', () => {
  it('stops with a message naming the port, and closes the database', async () => {
    const first = await startTestService();
    const port = new URL(first.url).port;
    try {
      await expect(startTestService({ PORT: port })).rejects.toThrow(
        `Cannot listen on 127.0.0.1:${port} (PORT, HOST): listen EADDRINUSE`,
      );
    } finally {
      await first.close();
    }
  });
});
