import { describe, expect, it } from 'vitest';
import { modelCheck } from '../../src/registry/check-model.js';
import { PluginLoadError } from '../../src/registry/errors.js';
import type { LoadedPlugin } from '../../src/registry/load-module.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';
import { startTestService } from '../support/service.js';

const loaded: LoadedPlugin = { plugin: examplePlugin, source: 'example source' };
const column = (name: string, type: string) => ({ name, type, kind: 'scalar' });

function failure(check: () => void): string {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(PluginLoadError);
    return (error as Error).message;
  }
  throw new Error('the check passed');
}

describe('the start-up check of a plugin against the generated Prisma client', () => {
  it('accepts a model with a column of a fitting type for every configuration field', () => {
    const models = {
      ExampleDataOutput: {
        fields: [column('id', 'String'), column('bucket', 'String'), column('note', 'String')],
      },
    };
    expect(() => modelCheck(models)(loaded)).not.toThrow();
  });

  it('names a missing column and a column of the wrong type, and says to rebuild', () => {
    const models = {
      ExampleDataOutput: { fields: [column('id', 'String'), column('bucket', 'Int')] },
    };
    expect(failure(() => modelCheck(models)(loaded))).toBe(
      'Plugin example source: its model ExampleDataOutput in the generated Prisma client does not fit its configuration:\n' +
        '- column `bucket` is Int; configuration field `bucket` needs String\n' +
        '- configuration field `note` has no column\n' +
        'Run `npm run schema:build` (it merges the plugin fragments into prisma/schema.prisma and generates the client), then start again.',
    );
  });

  it('stops start-up when a plugin enabled after the last build has no model, naming it', async () => {
    const entry = './test/fixtures/plugins/example/index.ts#examplePlugin';
    await expect(startTestService({ ENABLED_PLUGINS: `GlueDataOutput,${entry}` })).rejects.toThrow(
      `Plugin ${entry}: has no model in the generated Prisma client. Run \`npm run schema:build\``,
    );
  });
});
