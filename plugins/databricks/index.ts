import {
  containerField,
  definePlugin,
  schemaField,
  tableAccessFields,
  tableAccessRules,
} from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

// The console link opens the workspace the data products work in.
const namedSettings = z.object({
  workspaceUrl: z.url().optional().meta({ description: 'The Databricks workspace URL.' }),
});

const config = z
  .object({
    catalog: containerField(
      'Catalog',
      'The Databricks catalog to give write access to.',
      'catalogs',
    ),
    schema: schemaField,
    ...tableAccessFields('catalogPath', 'catalog'),
  })
  .transform(tableAccessRules('catalog', 'catalogPath'));

export default definePlugin({
  name: 'DatabricksDataOutput',
  version: '1.0.0',
  description: 'Write access to a Databricks schema or table.',
  platform: {
    key: 'databricks',
    displayName: 'Databricks',
    iconName: 'databricks-logo.svg',
    detailedName: 'Schema',
    resultLabel: 'Resulting table',
    resultTooltip: 'The table you can access through this technical asset',
  },
  resultString: { template: '{catalog}.{schema}.{table}' },
  technicalInfo: { template: '{catalog}.{schema}.{table}' },
  namedSettings,
  consoleUrl: ({ settings }) =>
    typeof settings.workspaceUrl === 'string'
      ? { url: settings.workspaceUrl }
      : {
          reason:
            'The Databricks workspace URL is not configured: an operator stores workspaceUrl with configurePlatformSettings.',
        },
  config,
  prismaFragment: new URL('./model.prisma', import.meta.url),
  migrations: new URL('./migrations/', import.meta.url),
});
