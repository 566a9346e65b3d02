import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { examplePlugin } from '../fixtures/plugins/example/index.js';
import { checkPlugin } from '../../src/registry/check-plugin.js';
import { definePlugin, PLUGIN_BRAND, storedField } from '@data-product-portal/plugin-sdk';


function problemsOf(value: unknown): string[] {
  const result = checkPlugin(value);
  return result.problems ?? [];
}

describe('plugin check', () => {
  it('accepts a valid plugin', () => {
    expect(checkPlugin(examplePlugin)).toEqual({ plugin: examplePlugin });
  });

  it('recognises plugins by brand, not by class: a copy from another SDK passes', () => {
    const copy = { ...examplePlugin, [PLUGIN_BRAND]: { contractVersion: '1.4.0' } };
    expect(problemsOf(copy)).toEqual([]);
  });

  it('refuses a plugin built for another major contract version', () => {
    const old = { ...examplePlugin, [PLUGIN_BRAND]: { contractVersion: '0.9.0' } };
    expect(problemsOf(old)).toEqual(['was built for plugin contract 0.9.0; this host implements 1.0.0.']);
  });

  it('requires a description on every configuration field and known depends-on fields', () => {
    const plugin = definePlugin({
      ...examplePlugin,
      check: undefined,
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
      config: z.object({ mode: storedField(z.enum(['read-only', 'ok']), { description: 'Mode.' }) }),
    });
    expect(problemsOf(plugin)).toEqual(['config field `mode`: enum values read-only are not valid GraphQL names.']);
  });
});
