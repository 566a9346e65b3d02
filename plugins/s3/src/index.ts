import { definePlugin, formField } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

const config = z.object({
  bucket: formField(z.string().min(1), {
    label: 'Bucket',
    description: 'The S3 bucket to give write access to.',
    widget: 'select',
    optionsFrom: 'buckets',
  }),
  // Hidden in the form: the frontend fills it with the data product namespace.
  suffix: formField(z.string().default(''), {
    label: 'Suffix',
    description:
      'Suffix of the path inside the bucket; the data product namespace when the product is not source aligned.',
    hidden: true,
    useNamespaceWhenNotSourceAligned: true,
  }),
  path: formField(z.string().min(1), {
    label: 'Path',
    tooltip: 'The name of the path to give write access to',
  }),
});

export default definePlugin({
  name: 'S3DataOutput',
  version: '1.0.0',
  description: 'Write access to a path in an Amazon S3 bucket.',
  platform: {
    key: 's3',
    displayName: 'S3',
    iconName: 's3-logo.svg',
    parentPlatform: 'aws',
    detailedName: 'Path',
    resultLabel: 'Resulting path',
    resultTooltip: 'The table (or path) you can access through this technical asset',
  },
  config,
  prismaFragment: new URL('../model.prisma', import.meta.url),
  migration: new URL('../migrations/20261126140000_s3_data_output', import.meta.url),
});
