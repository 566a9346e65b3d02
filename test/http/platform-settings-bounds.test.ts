import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPTIONS_PER_SETTING } from '../../src/catalog/platform-settings.js';
import type { Service } from '../../src/service.js';
import { graphql, startTestService } from '../support/service.js';

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { settings { options } } }';
const STORED = '{ platformConfigurations { platform updatedAt settings { options } } }';

describe('configurePlatform bounds its options', () => {
  let service: Service;
  beforeAll(async () => {
    // The probe's body (1.7 MB) is over the default request limit, which refuses it first (413);
    // with that raised, the option bound itself must hold.
    service = await startTestService({ HTTP_MAX_BODY_BYTES: String(8 * 1024 * 1024) });
    await graphql(service, CONFIGURE, { input: { glue: { databases: ['sales'] } } });
  });
  afterAll(() => service?.close());

  async function refused(databases: unknown[]) {
    const before = await graphql(service, STORED);
    const response = await graphql(service, CONFIGURE, { input: { glue: { databases } } });
    expect(response.data ?? null).toBeNull();
    expect(await graphql(service, STORED)).toEqual(before);
    return response.errors ?? [];
  }

  it('states the bounds in the input’s description', async () => {
    const { data } = await graphql<{
      __type: { inputFields: Array<{ name: string; description: string }> };
    }>(
      service,
      '{ __type(name: "GlueDataOutputSettingsInput") { inputFields { name description } } }',
    );
    expect(data?.__type.inputFields).toEqual([
      {
        name: 'databases',
        description: `Options of \`database\`, in the order the form lists them. At most ${MAX_OPTIONS_PER_SETTING} options of at most 255 characters each.`,
      },
    ]);
  });

  it('takes exactly the maximum number of options', async () => {
    const databases = Array.from({ length: MAX_OPTIONS_PER_SETTING }, (_, i) => `db${i}`);
    const response = await graphql<{
      configurePlatform: { settings: Array<{ options: string[] }> };
    }>(service, CONFIGURE, { input: { glue: { databases } } });
    expect(response.errors).toBeUndefined();
    expect(response.data?.configurePlatform.settings[0]?.options).toHaveLength(
      MAX_OPTIONS_PER_SETTING,
    );
  });

  it('refuses one option more, with one issue for the list', async () => {
    const errors = await refused(
      Array.from({ length: MAX_OPTIONS_PER_SETTING + 1 }, (_, i) => `db${i}`),
    );
    expect(errors.map((e) => e.extensions)).toEqual([
      {
        code: 'BAD_USER_INPUT',
        issues: [
          {
            path: ['input', 'glue', 'databases'],
            field: ['databases'],
            message: `At most ${MAX_OPTIONS_PER_SETTING} options; this list has ${MAX_OPTIONS_PER_SETTING + 1}`,
          },
        ],
      },
    ]);
  });

  it('refuses the 120,000 options of the probe (1.3 MB) with that one issue, not one per duplicate', async () => {
    const databases = Array.from({ length: 120_000 }, (_, i) => `database_${i % 1000}`);
    const errors = await refused(databases);
    expect(errors[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'databases'],
        field: ['databases'],
        message: `At most ${MAX_OPTIONS_PER_SETTING} options; this list has 120000`,
      },
    ]);
  });

  it('finds duplicates anywhere in a full list', async () => {
    const databases = Array.from({ length: MAX_OPTIONS_PER_SETTING }, (_, i) => `db${i}`);
    databases[MAX_OPTIONS_PER_SETTING - 1] = ' db0 ';
    databases[500] = 'db7';
    const errors = await refused(databases);
    expect(errors[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'databases', 500],
        field: ['databases', 500],
        message: '"db7" is listed twice',
      },
      {
        path: ['input', 'glue', 'databases', MAX_OPTIONS_PER_SETTING - 1],
        field: ['databases', MAX_OPTIONS_PER_SETTING - 1],
        message: '"db0" is listed twice',
      },
    ]);
  });

  it('refuses an option longer than a platform identifier', async () => {
    const errors = await refused(['sales', 'd'.repeat(256)]);
    expect(errors[0]?.extensions?.issues).toEqual([
      {
        path: ['input', 'glue', 'databases', 1],
        field: ['databases', 1],
        message: 'Must be at most 255 characters (this one has 256)',
      },
    ]);
  });
});
