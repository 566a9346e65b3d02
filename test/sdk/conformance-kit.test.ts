import { CONTRACT_VERSION } from '@data-product-portal/plugin-sdk/internal';
import {
  assertConformance,
  ConformanceError,
  type ConformanceOptions,
  checkConformance,
} from '@data-product-portal/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import contract from '../fixtures/conformance/contract.js';
import examples from '../fixtures/conformance/examples.js';
import fields from '../fixtures/conformance/fields.js';
import fragment from '../fixtures/conformance/fragment/index.js';
import metadata from '../fixtures/conformance/metadata.js';
import migrations from '../fixtures/conformance/migrations-rule/index.js';
import valid from '../fixtures/conformance/valid/index.js';

// The conformance kit (`@data-product-portal/plugin-sdk/testing`) on a plugin that follows every
// rule, and on one fixture per rule that breaks it.

const EXAMPLES: ConformanceOptions = {
  accepts: [
    {
      input: { bucket: 'raw', path: 'sales/orders' },
      stores: {
        bucket: 'raw',
        path: 'sales/orders',
        retentionDays: 7,
        fullPath: 'raw/sales/orders',
      },
    },
  ],
  refuses: [
    {
      input: { bucket: 'raw', path: '' },
      issues: [{ path: ['path'], message: 'Must not be empty' }],
    },
    {
      input: { bucket: 'archive', path: 'x' },
      settings: { buckets: ['raw', 'curated'] },
      issues: [
        {
          path: ['bucket'],
          message: '"archive" is not one of the configured buckets: raw, curated',
        },
      ],
    },
  ],
};

const MIGRATION = '20261127151801_conformance_data_output';

describe('the conformance kit', () => {
  it('passes a plugin that follows every rule, with its examples', async () => {
    expect(await checkConformance(valid, EXAMPLES)).toEqual([]);
    await expect(assertConformance(valid, EXAMPLES)).resolves.toBeUndefined();
  });

  it.each([
    [
      'contract',
      contract,
      `was made with plugin SDK 2.0.0, whose contract this SDK (${CONTRACT_VERSION}) does not implement: build it against ^${CONTRACT_VERSION}, declared as a peer dependency.`,
    ],
    ['metadata', metadata, 'version must be a semver version such as 1.0.0'],
    ['fields', fields, 'config field `path` depends on `mode`, which is not a config field.'],
    [
      'fragment',
      fragment,
      "column `retentionDays` has type String, which cannot store the field's values: make it Int or BigInt.",
    ],
    [
      'migrations',
      migrations,
      'its migrations create no column conformance_data_outputs.full_path (field `fullPath`).',
    ],
    [
      'examples',
      examples,
      'accepts {"bucket":"raw","path":"sales/orders"}? No, it refuses it: path: Slashes are not allowed.',
    ],
  ])(
    'fails on a plugin that breaks the %s rule, saying what is wrong',
    async (rule, plugin, message) => {
      expect(await checkConformance(plugin, EXAMPLES)).toEqual([{ rule, message }]);
    },
  );

  it('throws one error naming every problem and its rule', async () => {
    const error = await assertConformance(examples, {
      ...EXAMPLES,
      refuses: [{ input: { bucket: 'raw', path: 'ok' }, issues: [{ path: ['path'] }] }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect((error as Error).message).toBe(
      [
        'The plugin breaks 2 rule(s) of the plugin contract:',
        '- [examples] accepts {"bucket":"raw","path":"sales/orders"}? No, it refuses it: path: Slashes are not allowed.',
        '- [examples] refuses {"bucket":"raw","path":"ok"}? No, it accepts it and stores {"bucket":"raw","path":"ok","retentionDays":7,"fullPath":"raw/ok"}.',
      ].join('\n'),
    );
  });

  it('refuses what is not a plugin at all, and checks nothing further', async () => {
    expect(await checkConformance({ name: 'NotMadeByDefinePlugin' })).toEqual([
      {
        rule: 'contract',
        message:
          'is not a plugin: create it with definePlugin() from @data-product-portal/plugin-sdk.',
      },
    ]);
  });

  it('checks the versions the migrations record against the plugin version', async () => {
    const { definePlugin } = await import('@data-product-portal/plugin-sdk');
    const { spec } = await import('../fixtures/conformance/valid/index.js');
    const older = definePlugin({ ...spec, version: '1.0.0' });
    expect(await checkConformance(older)).toEqual([
      {
        rule: 'migrations',
        message: `migration ${MIGRATION} records version 1.1.0, newer than the plugin's 1.0.0: raise the plugin's version to the release that ships it.`,
      },
    ]);
  });
});
