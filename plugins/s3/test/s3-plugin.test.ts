import { readdirSync, readFileSync } from 'node:fs';
import { formMetaOf } from '@data-product-portal/plugin-sdk';
import { assertConformance } from '@data-product-portal/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import s3 from '../src/index.js';

const fieldNames = Object.keys(s3.config.shape);

describe('S3DataOutput', () => {
  it('conforms to the plugin contract, as the service checks it', async () => {
    await assertConformance(s3, {
      accepts: [
        {
          input: { bucket: 'raw', path: 'sales/orders' },
          stores: { bucket: 'raw', suffix: '', path: 'sales/orders', storageClass: 'STANDARD' },
        },
        { input: { bucket: 'raw', path: 'archive', storageClass: 'GLACIER_IR' } },
      ],
      refuses: [
        {
          input: { bucket: 'archive', path: '' },
          settings: { buckets: ['raw', 'curated'] },
          issues: [
            { path: ['path'], message: 'Must not be empty' },
            {
              path: ['bucket'],
              message: '"archive" is not one of the configured buckets: raw, curated',
            },
          ],
        },
        {
          input: { bucket: 'raw', path: 'x', storageClass: 'DEEP_FREEZE' },
          issues: [{ path: ['storageClass'] }],
        },
      ],
    });
  });

  it('describes the S3 platform under the AWS tile', () => {
    expect(s3.name).toBe('S3DataOutput');
    expect(s3.platform).toMatchObject({
      key: 's3',
      displayName: 'S3',
      iconName: 's3-logo.svg',
      parentPlatform: 'aws',
      detailedName: 'Path',
      resultLabel: 'Resulting path',
    });
  });

  it('offers bucket (a select of the configured buckets), a hidden suffix, path and storage class, in that order', () => {
    expect(fieldNames).toEqual(['bucket', 'suffix', 'path', 'storageClass']);
    const [bucket, suffix, path, storageClass] = fieldNames.map((name) =>
      formMetaOf(s3.config.shape[name as keyof typeof s3.config.shape]),
    );
    expect(storageClass).toMatchObject({
      label: 'Storage class',
      optionLabels: expect.objectContaining({ STANDARD: 'Standard' }),
    });
    expect(bucket).toMatchObject({ widget: 'select', optionsFrom: 'buckets' });
    expect(suffix).toMatchObject({ hidden: true, useNamespaceWhenNotSourceAligned: true });
    expect(path).toMatchObject({
      label: 'Path',
      tooltip: 'The name of the path to give write access to',
    });
  });

  it('stores an empty suffix and the STANDARD storage class when none is given', () => {
    expect(s3.config.parse({ bucket: 'raw', path: 'sales/orders' })).toEqual({
      bucket: 'raw',
      suffix: '',
      path: 'sales/orders',
      storageClass: 'STANDARD',
    });
  });

  it('requires bucket and path, naming both', () => {
    const result = s3.config.safeParse({ bucket: '', suffix: 'x' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['bucket', 'path']);
  });

  it('creates its table in its first migration and adds the storage class column in 1.1.0', () => {
    const folder = s3.migrations ?? '';
    const [first, second, ...later] = readdirSync(folder).sort();
    expect(later).toEqual([]);
    const sql = (name = '') => readFileSync(`${folder}/${name}/migration.sql`, 'utf8');
    expect(first).toBe('20261126140000_s3_data_output');
    expect(sql(first)).toContain('CREATE TABLE "s3_data_outputs"');
    expect(sql(second)).toContain(
      `ALTER TABLE "s3_data_outputs" ADD COLUMN     "storage_class" TEXT NOT NULL DEFAULT 'STANDARD';`,
    );
    expect(sql(second)).toContain(`'${second}', 'S3DataOutput', '1.1.0'`);
  });

  it('declares itself a portal plugin whose entry is exported, with zod and the SDK as peers only', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
      dataProductPortal: { plugin: string };
      dependencies?: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(pkg.exports[pkg.dataProductPortal.plugin]).toEqual({
      types: './dist/index.d.ts',
      default: './dist/index.js',
    });
    expect(pkg.dependencies).toBeUndefined();
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual([
      '@data-product-portal/plugin-sdk',
      'zod',
    ]);
  });
});
