import {
  containerField,
  dashesToUnderscores,
  definePlugin,
  schemaField,
  tableAccessFields,
  tableAccessRules,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

// The portal's Snowflake setting: the account's login URL, which the console link opens.
const namedSettings = z.object({
  loginUrl: z.url().optional().meta({ description: 'The Snowflake login URL of the account.' }),
});

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
    resultTooltip: 'The table you can access through this technical asset',
  },
  resultString: { template: '{database}.{schema}.{table}', postProcess: dashesToUnderscores },
  technicalInfo: { template: '{database}.{schema}.{table}', postProcess: dashesToUnderscores },
  namedSettings,
  consoleUrl: ({ settings }) =>
    typeof settings.loginUrl === 'string'
      ? { url: settings.loginUrl }
      : {
          reason:
            'The Snowflake login URL is not configured: an operator stores loginUrl with configurePlatformSettings.',
        },
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
