import {
  aws,
  awsConsoleUrl,
  awsSettings,
  containerField,
  definePlugin,
  formField,
  IDENTIFIER_MAX_LENGTH,
  tableAccessFields,
  tableAccessRules,
  text,
  trimTrailingUnderscores,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

const config = z
  .object({
    database: containerField('Database', 'The Glue database to give write access to.', 'databases'),
    databaseSuffix: formField(text(IDENTIFIER_MAX_LENGTH), {
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
    parentTile: aws,
    detailedName: 'Database',
    resultLabel: 'Resulting table',
    resultTooltip: 'The table you can access through this technical asset',
  },
  resultString: {
    template: '{database}__{databaseSuffix}.{table}',
    postProcess: trimTrailingUnderscores,
  },
  technicalInfo: {
    template: '{database}__{databaseSuffix}.{table}',
    postProcess: trimTrailingUnderscores,
  },
  namedSettings: awsSettings,
  consoleUrl: ({ settings }) => awsConsoleUrl(settings, 'athena'),
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
