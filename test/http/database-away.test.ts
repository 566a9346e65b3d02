import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { warningsInto } from '../support/logs.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/postgres.js';
import { graphql, startTestService } from '../support/service.js';
import { type TcpProxy, tcpProxy, throughProxy } from '../support/tcp-proxy.js';

const PLUGINS = '{ plugins { name notConfigured } }';
const FORM =
  '{ pluginForm(name: "GlueDataOutput") { notConfigured elements { name options { value } } } }';

describe('plugins and pluginForm while PostgreSQL is away', () => {
  let db: ScratchDatabase;
  let proxy: TcpProxy;
  let service: Service;
  const warnings: string[] = [];
  beforeAll(async () => {
    db = await createScratchDatabase('portal_away');
    proxy = await tcpProxy();
    await proxy.listen();
    // Max age 0: every request re-reads the settings, so every one meets the missing database.
    service = await startTestService(
      { DATABASE_URL: throughProxy(db.url, proxy), PLATFORM_SETTINGS_MAX_AGE_SECONDS: '0' },
      await warningsInto(warnings),
    );
    const configured = await graphql(
      service,
      'mutation { configurePlatform(input: { glue: { databases: ["sales", "finance"] } }) { configured } }',
    );
    expect(configured.errors).toBeUndefined();
  });
  afterAll(async () => {
    await service?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answer from the last settings read, logging each failed re-read, and recover', async () => {
    const plugins = await graphql(service, PLUGINS);
    const form = await graphql(service, FORM);
    expect(plugins.errors).toBeUndefined();
    expect(form.errors).toBeUndefined();

    await proxy.close();
    // The database is gone: a list cannot be answered, the forms can.
    const list = await graphql(service, '{ dataOutputConfigurations { totalCount } }');
    expect(list.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    for (let i = 0; i < 3; i += 1) {
      expect(await graphql(service, PLUGINS)).toEqual(plugins);
      expect(await graphql(service, FORM)).toEqual(form);
    }
    expect(form.data).toMatchObject({
      pluginForm: {
        notConfigured: false,
        elements: expect.arrayContaining([
          { name: 'database', options: [{ value: 'sales' }, { value: 'finance' }] },
        ]),
      },
    });
    const failed = warnings.filter((w) => w.startsWith('Cannot re-read the platform settings'));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed[0]).toMatch(/serving the copy read before \(failure 1; next try in 0 s\)$/);

    await proxy.listen();
    expect(await graphql(service, PLUGINS)).toEqual(plugins);
    expect(warnings.at(-1)).toMatch(/^Read the platform settings again after \d+ failed tries$/);
    const listAgain = await graphql(service, '{ dataOutputConfigurations { totalCount } }');
    expect(listAgain.errors).toBeUndefined();
  });
});
