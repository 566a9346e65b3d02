import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { SETTINGS_CHANNEL } from '../../src/store/platform-settings-store.js';
import { ok } from '../support/portal-client.js';
import { graphql, startTestService } from '../support/service.js';

// Embedded PGlite has LISTEN/NOTIFY in process: a settings change notified on the channel drops
// the service's copy and its cached form answers, as on PostgreSQL. The copy's age limit is an
// hour here, so nothing else refreshes it.

const FORM = '{ pluginForm(name: "GlueDataOutput") { elements { name options { value } } } }';

async function databases(service: Service): Promise<string[]> {
  const { pluginForm } = await ok<{
    pluginForm: { elements: Array<{ name: string; options: Array<{ value: string }> }> };
  }>(service, FORM);
  return pluginForm.elements.find((e) => e.name === 'database')?.options.map((o) => o.value) ?? [];
}

describe('platform settings notifications on embedded PGlite', () => {
  let service: Service;
  beforeAll(async () => {
    service = await startTestService({ PLATFORM_SETTINGS_MAX_AGE_SECONDS: '3600' });
    await ok(
      service,
      'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { configured } }',
    );
  });
  afterAll(() => service?.close());

  const store = (databases: string[]) =>
    service.db.prisma.$executeRawUnsafe(
      `UPDATE platform_configurations SET settings = '${JSON.stringify({ databases })}' WHERE platform = 'glue'`,
    );

  it('keeps its copy (and cached answers) while nothing is notified', async () => {
    expect(await databases(service)).toEqual(['sales']);
    await store(['sales', 'hr']);
    expect(await databases(service)).toEqual(['sales']);
  });

  it('drops them when a change is notified, as the change commits', async () => {
    await service.db.prisma.$transaction([
      service.db.prisma.$executeRawUnsafe(
        `UPDATE platform_configurations SET settings = '{"databases": ["sales", "finance"]}' WHERE platform = 'glue'`,
      ),
      service.db.prisma.$executeRaw`SELECT pg_notify(${SETTINGS_CHANNEL}, 'glue')`,
    ]);
    expect(await databases(service)).toEqual(['sales', 'finance']);
  });

  it('checks a create against the settings stored, not against its copy', async () => {
    await store(['sales']);
    // The copy still offers finance: nothing was notified.
    expect(await databases(service)).toEqual(['sales', 'finance']);
    const refused = await graphql(
      service,
      'mutation { createDataOutputConfiguration(input: { glue: { database: "finance", databaseSuffix: "x" } }) { id } }',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain(
      '"finance" is not one of the configured databases: sales',
    );
  });
});
