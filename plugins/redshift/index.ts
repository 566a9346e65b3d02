import {
  aws,
  awsConsoleUrl,
  awsSettings,
  containerField,
  definePlugin,
  schemaField,
  tableAccessFields,
  tableAccessRules,
  trimTrailingUnderscores,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

const config = z
  .object({
    database: containerField(
      'Database',
      'The Redshift database to give write access to.',
      'databases',
    ),
    schema: schemaField,
    ...tableAccessFields('databasePath', 'database'),
  })
  .transform(tableAccessRules('database', 'databasePath'));

export default definePlugin({
  name: 'RedshiftDataOutput',
  version: '1.0.0',
  description: 'Write access to an Amazon Redshift schema or table.',
  platform: {
    key: 'redshift',
    displayName: 'Redshift',
    iconName: 'aws-redshift-logo.svg',
    parentTile: aws,
    detailedName: 'Schema',
    resultLabel: 'Resulting table',
    resultTooltip: 'The table you can access through this technical asset',
  },
  resultString: { template: '{database}__{schema}.{table}', postProcess: trimTrailingUnderscores },
  technicalInfo: { template: '{database}__{schema}.{table}', postProcess: trimTrailingUnderscores },
  namedSettings: awsSettings,
  consoleUrl: ({ settings }) => awsConsoleUrl(settings, 'redshiftv2'),
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
