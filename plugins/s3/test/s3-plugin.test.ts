import { readFileSync } from 'node:fs';
import { formMetaOf } from '@data-product-portal/plugin-sdk';
import { describe, expect, it } from 'vitest';
import s3 from '../src/index.js';

const fieldNames = Object.keys(s3.config.shape);

describe('S3DataOutput', () => {
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

  it('offers bucket (a select of the configured buckets), a hidden suffix and path, in that order', () => {
    expect(fieldNames).toEqual(['bucket', 'suffix', 'path']);
    const [bucket, suffix, path] = fieldNames.map((name) =>
      formMetaOf(s3.config.shape[name as keyof typeof s3.config.shape]),
    );
    expect(bucket).toMatchObject({ widget: 'select', optionsFrom: 'buckets' });
    expect(suffix).toMatchObject({ hidden: true, useNamespaceWhenNotSourceAligned: true });
    expect(path).toMatchObject({
      label: 'Path',
      tooltip: 'The name of the path to give write access to',
    });
  });

  it('stores an empty suffix when none is given', () => {
    expect(s3.config.parse({ bucket: 'raw', path: 'sales/orders' })).toEqual({
      bucket: 'raw',
      suffix: '',
      path: 'sales/orders',
    });
  });

  it('requires bucket and path, naming both', () => {
    const result = s3.config.safeParse({ bucket: '', suffix: 'x' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['bucket', 'path']);
  });

  it('has a column in its Prisma model and in its migration for every field', () => {
    const model = readFileSync(s3.prismaFragment, 'utf8');
    const sql = readFileSync(`${s3.migration}/migration.sql`, 'utf8');
    expect(model).toMatch(/^model S3DataOutput \{/m);
    expect(sql).toContain('CREATE TABLE "s3_data_outputs"');
    for (const name of fieldNames) {
      expect(model, name).toMatch(new RegExp(`^\\s+${name}\\s+String$`, 'm'));
      expect(sql, name).toContain(`"${name}" TEXT NOT NULL`);
    }
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
