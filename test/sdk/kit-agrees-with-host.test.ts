import { readFileSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_BASE_PRISMA, CONTRACT_BASE_SQL } from '../../sdk/src/testing/contract-base.js';
import { applyPendingMigrations } from '../../src/db/migrate.js';
import { paths } from '../../src/paths.js';
import { checkPlugin } from '../../src/registry/check-plugin.js';
import { createEmptyPglite } from '../../tools/migrations/empty-pglite.js';
import { diffHistoryToDatamodel } from '../../tools/migrations/history-diff.js';
import { pluginHistory } from '../../tools/migrations/plugin-history.js';
import { readBaseSchema } from '../../tools/schema-build/check-fragments.js';
import { checkFragment, FragmentError } from '../../tools/schema-build/fragment.js';
import { fragmentOf } from '../../tools/schema-build/fragments-of.js';
import { mergeSchema } from '../../tools/schema-build/merge.js';
import { readDatamodel } from '../../tools/schema-build/prisma-wasm.js';
import fields from '../fixtures/conformance/fields.js';
import fragment from '../fixtures/conformance/fragment/index.js';
import metadata from '../fixtures/conformance/metadata.js';
import migrations from '../fixtures/conformance/migrations-rule/index.js';
import valid from '../fixtures/conformance/valid/index.js';

// The conformance kit stands in for the service: what it refuses, the service refuses too, and
// the base tables it stands up are the ones the service's schema and history provide.

describe('the service refuses what the conformance kit refuses', () => {
  it('metadata and fields: the loader names the same problems', () => {
    expect(checkPlugin(metadata)).toEqual({
      problems: ['version must be a semver version such as 1.0.0'],
    });
    expect(checkPlugin(fields)).toEqual({
      problems: ['config field `path` depends on `mode`, which is not a config field.'],
    });
    expect(checkPlugin(valid)).toEqual({ plugin: valid });
  });

  it('fragment: the schema build names the same problem', () => {
    const base = readBaseSchema();
    const error = (() => {
      try {
        checkFragment(base, fragmentOf(fragment));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FragmentError);
    expect((error as FragmentError).problems).toEqual([
      "column `retentionDays` has type String, which cannot store the field's values: make it Int or BigInt.",
    ]);
    expect(() => checkFragment(base, fragmentOf(valid))).not.toThrow();
  });

  it("migrations: Prisma's engine finds that they do not build the fragment", async () => {
    const base = readBaseSchema();
    const baseOnly = mergeSchema(base, []);
    const builds = async (plugin: typeof valid) =>
      !(
        await diffHistoryToDatamodel(
          await pluginHistory(plugin.migrations ?? '', baseOnly),
          mergeSchema(base, [fragmentOf(plugin)]),
        )
      ).changed;
    expect(await builds(valid)).toBe(true);
    expect(await builds(migrations)).toBe(false);
  });
});

interface Column {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
}

const COLUMNS = `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
  WHERE table_schema = 'public' AND table_name IN ('data_output_configurations', 'plugin_migrations')
  ORDER BY table_name, column_name`;

describe("the kit's stand-in of the service's base", () => {
  let service: PGlite;
  let kit: PGlite;
  beforeAll(async () => {
    service = await createEmptyPglite();
    await applyPendingMigrations({
      adapterFactory: new PrismaPGlite(service),
      migrationsDir: paths.migrations,
    });
    kit = await createEmptyPglite();
    await kit.exec(CONTRACT_BASE_SQL);
  });
  afterAll(async () => {
    await service?.close();
    await kit?.close();
  });

  it('has only columns the service has, of the same type and nullability', async () => {
    const theirs = (await service.query<Column>(COLUMNS)).rows;
    const ours = (await kit.query<Column>(COLUMNS)).rows;
    expect(ours.map((c) => c.table_name)).toContain('plugin_migrations');
    expect(theirs).toEqual(expect.arrayContaining(ours));
    // Every column of the record table: plugin migrations write all of them.
    expect(ours.filter((c) => c.table_name === 'plugin_migrations')).toEqual(
      theirs.filter((c) => c.table_name === 'plugin_migrations'),
    );
  });

  it("declares DataOutputConfiguration's id and table as prisma/base.prisma does", () => {
    const modelOf = (file: string, text: string) =>
      readDatamodel([[file, text]]).models.find((m) => m.name === 'DataOutputConfiguration');
    const theirs = modelOf('base.prisma', readFileSync(paths.baseSchema, 'utf8'));
    const ours = modelOf('contract-base.prisma', CONTRACT_BASE_PRISMA);
    expect(ours?.dbName).toBe(theirs?.dbName);
    const pick = (model: typeof ours, name: string) => {
      const field = model?.fields.find((f) => f.name === name);
      return field && { type: field.type, nativeType: field.nativeType, isId: field.isId };
    };
    for (const name of ours?.fields.map((f) => f.name) ?? []) {
      expect(pick(ours, name), name).toEqual(pick(theirs, name));
    }
  });
});
