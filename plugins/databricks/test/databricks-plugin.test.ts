import { assertConformance } from '@data-product-portal/plugin-sdk/testing';
import { describe, it } from 'vitest';
import databricks from '../index.js';

// The conformance kit checks the plugin as the service will; the examples pin the save rules of
// warehouse platforms: schema granularity grants the whole schema, empty paths are filled in.
describe('DatabricksDataOutput', () => {
  it('conforms to the plugin contract and stores what the save rules say', async () => {
    await assertConformance(databricks, {
      accepts: [
        {
          input: { catalog: 'sales', schema: 'orders' },
          stores: {
            catalog: 'sales',
            schema: 'orders',
            accessGranularity: 'schema',
            table: '*',
            bucketIdentifier: '',
            catalogPath: 'sales',
            tablePath: '*',
          },
        },
        {
          input: { catalog: 'sales', schema: 'orders', accessGranularity: 'table', table: 'daily' },
          stores: {
            catalog: 'sales',
            schema: 'orders',
            accessGranularity: 'table',
            table: 'daily',
            bucketIdentifier: '',
            catalogPath: 'sales',
            tablePath: 'daily',
          },
        },
        {
          // The portal allows an empty schema; the resulting path then leaves it out.
          input: { catalog: 'sales', schema: '' },
          stores: {
            catalog: 'sales',
            schema: '',
            accessGranularity: 'schema',
            table: '*',
            bucketIdentifier: '',
            catalogPath: 'sales',
            tablePath: '*',
          },
        },
      ],
      refuses: [
        {
          input: { catalog: 'hr', schema: 'orders' },
          settings: { catalogs: ['sales'] },
          issues: [
            { path: ['catalog'], message: '"hr" is not one of the configured catalogs: sales' },
          ],
        },
      ],
    });
  });
});
