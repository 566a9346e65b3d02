import {
  containerField,
  definePlugin,
  formField,
  identifier,
  tableAccessFields,
  tableAccessRules,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

const config = z
  .object({
    database: containerField('Database', 'The Glue database to give write access to.', 'databases'),
    databaseSuffix: formField(identifier(), {
      label: 'Database suffix',
      tooltip:
        'The name of the database to give write access to. Defaults to data product namespace',
    }),
    ...tableAccessFields('databasePath', 'database'),
  })
  .transform(tableAccessRules('database', 'databasePath'));

export default definePlugin({
  name: 'GlueDataOutput',
  version: '1.0.0',
  description: 'Write access to an AWS Glue database or table.',
  platform: {
    key: 'glue',
    displayName: 'Glue',
    iconName: 'glue-logo.svg',
    parentPlatform: 'aws',
    detailedName: 'Database',
    resultLabel: 'Resulting table',
    resultTooltip: 'The table (or path) you can access through this technical asset',
  },
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
