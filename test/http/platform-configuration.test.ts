import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { PlatformSettingsStore } from '../../src/store/platform-settings-store.js';
import { ok } from '../support/portal-client.js';
import { graphql, startTestService } from '../support/service.js';

const FORM =
  '{ pluginForm(name: "GlueDataOutput") { notConfigured elements { name options { label value } } jsonSchema } }';
const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform configured settings { name options } } }';

interface FormAnswer {
  pluginForm: {
    notConfigured: boolean;
    elements: Array<{ name: string; options: Array<{ label: string; value: string }> }>;
    jsonSchema: { properties: Record<string, { oneOf?: Array<{ const: string; title: string }> }> };
  };
}

describe('platform settings fill the forms', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service?.close());

  it('lists every platform, unconfigured at first, with the settings its form needs', async () => {
    const data = await ok<{ platformConfigurations: unknown[] }>(
      service,
      '{ platformConfigurations { platform plugin configured updatedAt settings { name fields options } } }',
    );
    expect(data.platformConfigurations).toEqual([
      {
        platform: 'databricks',
        plugin: 'DatabricksDataOutput',
        configured: false,
        updatedAt: null,
        settings: [{ name: 'catalogs', fields: ['catalog'], options: [] }],
      },
      {
        platform: 'glue',
        plugin: 'GlueDataOutput',
        configured: false,
        updatedAt: null,
        settings: [{ name: 'databases', fields: ['database'], options: [] }],
      },
      {
        platform: 'redshift',
        plugin: 'RedshiftDataOutput',
        configured: false,
        updatedAt: null,
        settings: [{ name: 'databases', fields: ['database'], options: [] }],
      },
      {
        platform: 'snowflake',
        plugin: 'SnowflakeDataOutput',
        configured: false,
        updatedAt: null,
        settings: [{ name: 'databases', fields: ['database'], options: [] }],
      },
    ]);
    const form = await ok<FormAnswer>(service, FORM);
    expect(form.pluginForm.notConfigured).toBe(true);
    expect(form.pluginForm.jsonSchema.properties.database?.oneOf).toBeUndefined();
  });

  it('refuses empty and duplicate options, naming each, and stores nothing', async () => {
    const response = await graphql(service, CONFIGURE, {
      input: { glue: { databases: ['sales', ' ', 'sales'] } },
    });
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      issues: [
        {
          path: ['input', 'glue', 'databases', 1],
          field: ['databases', 1],
          message: 'Must not be empty',
        },
        {
          path: ['input', 'glue', 'databases', 2],
          field: ['databases', 2],
          message: '"sales" is listed twice',
        },
      ],
    });
    const data = await ok<{ platformConfigurations: Array<{ configured: boolean }> }>(
      service,
      '{ platformConfigurations { configured } }',
    );
    expect(data.platformConfigurations.every((p) => !p.configured)).toBe(true);
  });

  it('offers the stored options at once, also to a form answered from memory before', async () => {
    await ok(service, FORM);
    const stored = await ok(service, CONFIGURE, {
      input: { glue: { databases: [' sales ', 'finance'] } },
    });
    expect(stored).toEqual({
      configurePlatform: {
        platform: 'glue',
        configured: true,
        settings: [{ name: 'databases', options: ['sales', 'finance'] }],
      },
    });
    const form = await ok<FormAnswer>(service, FORM);
    expect(form.pluginForm.notConfigured).toBe(false);
    expect(form.pluginForm.elements.find((e) => e.name === 'database')?.options).toEqual([
      { label: 'sales', value: 'sales' },
      { label: 'finance', value: 'finance' },
    ]);
    expect(form.pluginForm.jsonSchema.properties.database?.oneOf).toEqual([
      { const: 'sales', title: 'sales' },
      { const: 'finance', title: 'finance' },
    ]);
    const plugins = await ok<{ plugins: Array<{ name: string; notConfigured: boolean }> }>(
      service,
      '{ plugins { name notConfigured } }',
    );
    expect(plugins.plugins.filter((p) => !p.notConfigured).map((p) => p.name)).toEqual([
      'GlueDataOutput',
    ]);

    await ok(service, CONFIGURE, { input: { glue: { databases: ['marketing'] } } });
    const replaced = await ok<FormAnswer>(service, FORM);
    expect(replaced.pluginForm.elements.find((e) => e.name === 'database')?.options).toEqual([
      { label: 'marketing', value: 'marketing' },
    ]);
  });

  it('another instance on the same database sees a change once its copy is older than the maximum age', async () => {
    const other = new PlatformSettingsStore(service.db.prisma, 0);
    const lagging = new PlatformSettingsStore(service.db.prisma, 60_000);
    expect((await other.get('redshift'))?.settings ?? null).toBeNull();
    expect((await lagging.get('redshift'))?.settings ?? null).toBeNull();
    const generation = other.generation;
    await ok(service, CONFIGURE, { input: { redshift: { databases: ['dwh'] } } });
    expect((await other.get('redshift'))?.settings).toEqual({ databases: ['dwh'] });
    expect(other.generation).toBeGreaterThan(generation);
    expect(await lagging.get('redshift')).toBeNull();
  });
});
