import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFormsPage } from '../../forms/build.js';
import { formsPage } from '../../forms/server/page.js';
import { loadEnv } from '../../src/env.js';
import { projectRoot } from '../../src/paths.js';
import { type Service, startService } from '../../src/service.js';
import { type Browser, launchChromium } from '../support/browser.js';
import { ok } from '../support/portal-client.js';

// A person at /forms in Chromium: configures each platform, fills its plugin's form, saves, and the
// row is stored. Everything the test knows of a plugin it reads from the API, as the page does.

/** Screenshots to look at after a run. */
const SHOTS = path.join(projectRoot, '.tmp/screenshots');

interface Element {
  name: string;
  label: string;
  type: string;
  hidden: boolean;
  options: Array<{ label: string; value: string }>;
  dependsOn: Array<{ field: string; value: string }>;
}

interface Plugin {
  name: string;
  displayName: string;
  platform: string;
  settings: string[];
}

const exactly = (label: string) =>
  new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`);

describe('the form preview page in Chromium', { timeout: 180_000 }, () => {
  let service: Service;
  let browser: Browser;
  let pageDir = '';
  let plugins: Plugin[] = [];

  beforeAll(async () => {
    pageDir = await mkdtemp(path.join(tmpdir(), 'forms-page-'));
    await buildFormsPage(pageDir);
    service = await startService(
      loadEnv({
        PGLITE_DIR: 'memory://',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
      }),
      undefined,
      formsPage(pageDir),
    );
    browser = await launchChromium();
    await mkdir(SHOTS, { recursive: true });
    const data = await ok<{
      plugins: Array<Omit<Plugin, 'settings'>>;
      platformConfigurations: Array<{ plugin: string; settings: Array<{ name: string }> }>;
    }>(
      service,
      '{ plugins { name displayName platform } platformConfigurations { plugin settings { name } } }',
    );
    plugins = data.plugins.map((plugin) => ({
      ...plugin,
      settings:
        data.platformConfigurations
          .find((c) => c.plugin === plugin.name)
          ?.settings.map((s) => s.name) ?? [],
    }));
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    if (pageDir) await rm(pageDir, { recursive: true, force: true });
  });

  async function open(): Promise<Page> {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${service.url}/forms`);
    await page.getByRole('heading', { name: 'Data output forms' }).waitFor();
    expect(problems).toEqual([]);
    return page;
  }

  async function elementsOf(name: string): Promise<Element[]> {
    const { pluginForm } = await ok<{ pluginForm: { elements: Element[] } }>(
      service,
      `query($name: String!) { pluginForm(name: $name) {
        elements { name label type hidden options { label value } dependsOn { field value } } } }`,
      { name },
    );
    return pluginForm.elements;
  }

  /** Types each setting's options into the page and saves them, as an operator would. */
  async function configure(page: Page, plugin: Plugin, options: string[]) {
    for (const setting of plugin.settings)
      await page.getByLabel(`${setting} (one per line)`).fill(options.join('\n'));
    await page.getByRole('button', { name: 'Save platform settings' }).click();
    await page.getByText('Platform settings saved.').waitFor();
  }

  /** Fills the form as a user: the last choice of each choice, a text of its own elsewhere. */
  async function fillForm(page: Page, plugin: Plugin): Promise<Record<string, string>> {
    const elements = await elementsOf(plugin.name);
    const form = page.getByRole('region', { name: 'Form' });
    const values: Record<string, string> = {};
    for (const element of elements.filter((e) => !e.hidden)) {
      const shown = element.dependsOn.every(({ field, value }) => values[field] === value);
      const control = form.getByLabel(exactly(element.label));
      if (!shown) {
        await expect.poll(() => control.count(), { message: element.name }).toBe(0);
        continue;
      }
      const last = element.options.at(-1);
      if (element.type === 'radio' && last) {
        await form.getByLabel(last.label, { exact: true }).check();
        values[element.name] = last.value;
      } else if (element.type === 'select' && last) {
        // The page fetches the form again once the platform is configured; until then the field
        // is the text box of a platform without options.
        await expect
          .poll(() => control.evaluate((node) => node.tagName), { timeout: 30_000 })
          .toBe('SELECT');
        await control.selectOption({ label: last.label });
        values[element.name] = last.value;
      } else {
        values[element.name] = `${element.name}_typed`;
        await control.fill(values[element.name]!);
      }
    }
    return values;
  }

  it('offers every plugin as a tile, under its parent platform', async () => {
    const page = await open();
    for (const plugin of plugins)
      await expect
        .poll(() => page.getByRole('button', { name: plugin.displayName }).count())
        .toBe(1);
    const aws = page.getByRole('region', { name: 'AWS' });
    expect(await aws.getByRole('button').allInnerTexts()).toEqual([
      'Glue\nnot configured',
      'Redshift\nnot configured',
    ]);
    await page.close();
  });

  it('for each internal plugin: configure the platform, fill the form, save, find the row', async () => {
    expect(plugins.map((p) => p.name).sort()).toEqual([
      'DatabricksDataOutput',
      'GlueDataOutput',
      'RedshiftDataOutput',
      'SnowflakeDataOutput',
    ]);
    const page = await open();
    for (const plugin of plugins) {
      await page.getByRole('button', { name: plugin.displayName }).first().click();
      await page
        .getByRole('heading', { name: plugin.displayName, level: 2, exact: true })
        .waitFor();
      await configure(page, plugin, ['alpha', 'beta']);
      const values = await fillForm(page, plugin);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText(/^Saved /).waitFor();
      const { dataOutputConfigurations } = await ok<{
        dataOutputConfigurations: { nodes: Array<Record<string, unknown>> };
      }>(
        service,
        `query($plugin: String) { dataOutputConfigurations(plugin: $plugin) { nodes { id ... on ${plugin.name} { ${Object.keys(values).join(' ')} } } } }`,
        { plugin: plugin.name },
      );
      expect(dataOutputConfigurations.nodes).toEqual([{ id: expect.any(String), ...values }]);
      const id = String(dataOutputConfigurations.nodes[0]?.id);
      // Listed on the page too.
      await page.locator(`tr[data-id="${id}"]`).waitFor();
    }
    await page.close();
  });

  it('Glue: radio buttons, no Table until "Table level", a refused value beside its field', async () => {
    const page = await open();
    await page.getByRole('button', { name: 'Glue' }).click();
    const glue = plugins.find((p) => p.platform === 'glue')!;
    await configure(page, glue, ['sales', 'finance']);
    const form = page.getByRole('region', { name: 'Form' });
    await form.getByLabel(exactly('Database suffix')).waitFor();
    expect(
      await form
        .getByRole('radio')
        .evaluateAll((radios) => radios.map((r) => r.parentElement?.textContent)),
    ).toEqual(['Schema level', 'Table level']);
    await expect.poll(() => form.getByLabel(exactly('Table')).count()).toBe(0);
    // Stored fields are not in the form.
    expect(await form.getByLabel(/path|bucket/i).count()).toBe(0);

    await form.getByLabel(exactly('Database')).selectOption({ label: 'finance' });
    await form.getByLabel(exactly('Database suffix')).fill('orders');
    await form.getByLabel('Table level', { exact: true }).check();
    await form.getByLabel(exactly('Table')).fill('orders_2026');
    // The "Resulting table" follows what was typed, rendered by the Glue plugin.
    await form
      .getByRole('status', { name: 'Resulting table' })
      .getByText('finance__orders.orders_2026', { exact: true })
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'forms-glue-table-level.png'), fullPage: true });

    // An operator removes "finance" meanwhile: the service refuses it, beside Database.
    await ok(
      service,
      'mutation { configurePlatform(input: { glue: { databases: ["sales"] } }) { platform } }',
    );
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const message = '"finance" is not one of the configured databases: sales';
    await page.locator('#root_database__error').getByText(message).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'forms-glue-refused.png'), fullPage: true });
    await page.close();
  });

  it('GraphiQL loads with every request to another host blocked, and its docs list Query', async () => {
    const page = await browser.context.newPage();
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      const { hostname } = new URL(route.request().url());
      if (
        ['127.0.0.1', 'localhost'].includes(hostname) ||
        route.request().url().startsWith('data:')
      )
        return route.continue();
      elsewhere.push(route.request().url());
      return route.abort();
    });
    await page.goto(`${service.url}/graphql`);
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page.getByText('Query', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'graphiql.png') });
    expect(elsewhere).toEqual([]);
    await page.close();
  });
});
