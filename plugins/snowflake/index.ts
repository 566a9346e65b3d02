import {
  containerField,
  definePlugin,
  schemaField,
  tableAccessFields,
  tableAccessRules,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

const config = z
  .object({
    database: containerField(
      'Database',
      'The Snowflake database to give write access to.',
      'databases',
    ),
    schema: schemaField,
    ...tableAccessFields('databasePath', 'database'),
  })
  .transform(tableAccessRules('database', 'databasePath'));

export default definePlugin({
  name: 'SnowflakeDataOutput',
  version: '1.0.0',
  description: 'Write access to a Snowflake schema or table.',
  platform: {
    key: 'snowflake',
    displayName: 'Snowflake',
    iconName: 'snowflake-logo.svg',
    detailedName: 'Schema',
    resultLabel: 'Resulting table',
    resultTooltip: 'The table (or path) you can access through this technical asset',
  },
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
