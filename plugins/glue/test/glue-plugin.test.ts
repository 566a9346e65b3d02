import { assertConformance } from '@data-product-portal/plugin-sdk/testing';
import { describe, it } from 'vitest';
import glue from '../index.js';

// The conformance kit checks the plugin as the service will; the examples pin the save rules of
// warehouse platforms: schema granularity grants the whole schema, empty paths are filled in.
describe('GlueDataOutput', () => {
  it('conforms to the plugin contract and stores what the save rules say', async () => {
    await assertConformance(glue, {
      accepts: [
        {
          input: { database: 'sales', databaseSuffix: 'orders' },
          stores: {
            database: 'sales',
            databaseSuffix: 'orders',
            accessGranularity: 'schema',
            table: '*',
            bucketIdentifier: '',
            databasePath: 'sales',
            tablePath: '*',
          },
        },
        {
          input: {
            database: 'sales',
            databaseSuffix: 'orders',
            accessGranularity: 'table',
            table: 'daily',
          },
          stores: {
            database: 'sales',
            databaseSuffix: 'orders',
            accessGranularity: 'table',
            table: 'daily',
            bucketIdentifier: '',
            databasePath: 'sales',
            tablePath: 'daily',
          },
        },
        {
          // The portal allows an empty databaseSuffix; the resulting path then leaves it out.
          input: { database: 'sales', databaseSuffix: '' },
          stores: {
            database: 'sales',
            databaseSuffix: '',
            accessGranularity: 'schema',
            table: '*',
            bucketIdentifier: '',
            databasePath: 'sales',
            tablePath: '*',
          },
        },
      ],
      refuses: [
        {
          input: { database: 'hr', databaseSuffix: 'orders' },
          settings: { databases: ['sales'] },
          issues: [
            { path: ['database'], message: '"hr" is not one of the configured databases: sales' },
          ],
        },
      ],
    });
  });
});
