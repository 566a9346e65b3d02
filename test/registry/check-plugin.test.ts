import { definePlugin, storedField } from '@data-product-portal/plugin-sdk';
import { CONTRACT_VERSION, PLUGIN_BRAND } from '@data-product-portal/plugin-sdk/internal';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkPlugin } from '../../src/registry/check-plugin.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';

function problemsOf(value: unknown): string[] {
  const result = checkPlugin(value);
  return result.problems ?? [];
}

describe('plugin check', () => {
  it('accepts a valid plugin', () => {
    expect(checkPlugin(examplePlugin)).toEqual({ plugin: examplePlugin });
  });

  it('recognises plugins by brand, not by class: a copy from another SDK passes', () => {
    const copy = { ...examplePlugin, [PLUGIN_BRAND]: { contractVersion: '1.0.0' } };
    expect(problemsOf(copy)).toEqual([]);
  });

  it.each([['0.9.0'], ['2.0.0'], ['1.5.0']])(
    'refuses a plugin made by a bundled SDK %s whose contract the host lacks',
    (version) => {
      const other = { ...examplePlugin, [PLUGIN_BRAND]: { contractVersion: version } };
      expect(problemsOf(other)).toEqual([
        `was made with plugin SDK ${version}, whose contract this host (contract ${CONTRACT_VERSION}) does not implement: build it against SDK ^${CONTRACT_VERSION}, declared as a peer dependency.`,
      ]);
    },
  );

  it('requires a description on every configuration field and known depends-on fields', () => {
    const plugin = definePlugin({
      ...examplePlugin,
      check: undefined,
      consoleUrl: undefined,
      config: z.object({
        bare: z.string(),
        shown: storedField(z.string(), { description: 'ok' }).meta({
          form: { label: 'Shown', dependsOn: [{ field: 'missing', value: 'x' }] },
        }),
      }),
    });
    expect(problemsOf(plugin)).toEqual([
      'config field `bare` has no description: give it a tooltip or description.',
      'config field `shown` depends on `missing`, which is not a config field.',
    ]);
  });

  it('refuses enum values that are not GraphQL names', () => {
    const plugin = definePlugin({
      ...examplePlugin,
      check: undefined,
      consoleUrl: undefined,
      config: z.object({
        mode: storedField(z.enum(['read-only', 'ok']), { description: 'Mode.' }),
      }),
    });
    expect(problemsOf(plugin)).toEqual([
      'config field `mode`: enum values read-only are not valid GraphQL names.',
    ]);
  });

  it('checks what a 1.4 plugin declares for the portal, naming each problem', () => {
    const plugin = {
      ...examplePlugin,
      resultString: { template: '{bucket}/{nope}', postProcess: 'trim' },
      technicalInfo: { template: '' },
      namedSettings: { region: 'eu-west-1' },
      consoleUrl: 'https://console.aws.amazon.com',
    };
    expect(problemsOf(plugin)).toEqual([
      'resultString.postProcess must be a function (rendered) => string',
      'technicalInfo.template must be a template such as {database}.{table}',
      'namedSettings must be a Zod object schema of optional fields',
      'consoleUrl must be a function ({ config, settings, environment }) => { url } or { reason }',
    ]);
    const unknownField = { ...examplePlugin, resultString: { template: '{bucket}/{nope}' } };
    expect(problemsOf(unknownField)).toEqual([
      'resultString template names {nope}, which is not a config field (bucket, note).',
    ]);
  });
});
