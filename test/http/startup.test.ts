import { describe, expect, it } from 'vitest';
import { PluginLoadError } from '../../src/registry/errors.js';
import { startTestService } from '../support/service.js';

describe('start-up failures', () => {
  it('stops on a plugin entry that does not load, naming it', async () => {
    const started = startTestService({ ENABLED_PLUGINS: 'GlueDataOutput,./test/fixtures/plugins/throws-on-import.ts' });
    await expect(started).rejects.toBeInstanceOf(PluginLoadError);
    await expect(started).rejects.toThrow('Plugin ./test/fixtures/plugins/throws-on-import.ts: throws while being imported: boom at import time');
  });
});
