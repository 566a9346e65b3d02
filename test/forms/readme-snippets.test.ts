import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transform } from 'esbuild';
import { type ComponentType, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import type { Service } from '../../src/service.js';
import { configureAllPlatforms, rowCounts } from '../support/portal-client.js';
import { rjsfSubmission } from '../support/rjsf-user.js';
import { startTestService } from '../support/service.js';

// The README's "Rendering forms" snippets, run as they are written against the service (only the
// URL is the test service's): RJSF and JSON Forms draw the Glue form, and RJSF's data is stored.

type Form = { platform: string; jsonSchema: never; uiSchema: never };
interface RjsfSnippet {
  loadForm(name: string): Promise<Form>;
  save(
    form: Form,
    data: Record<string, unknown>,
  ): Promise<{ id?: string; extraErrors: Record<string, unknown> }>;
  PluginForm: ComponentType<{ form: Form }>;
}
interface JsonFormsSnippet {
  loadForm(name: string): Promise<Form>;
  PluginForm: ComponentType<{ form: Form; data: Record<string, unknown>; onChange: () => void }>;
}

const folder = path.join(projectRoot, '.tmp/readme-snippets');

/** The tsx code blocks of the README's "Rendering forms" section, in order. */
async function snippets(): Promise<string[]> {
  const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
  const section = readme.split('\n## Rendering forms\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/```tsx\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
}

/** Compiles a snippet (inside the project, so its imports resolve) and imports it. */
async function load<T>(code: string, name: string, url: string): Promise<T> {
  const { code: js } = await transform(code.replace('http://localhost:4000/graphql', url), {
    loader: 'tsx',
    jsx: 'automatic',
    format: 'esm',
  });
  const file = path.join(folder, `${name}.mjs`);
  await writeFile(file, js);
  return (await import(pathToFileURL(file).href)) as T;
}

describe("the README's form rendering snippets", () => {
  let service: Service;
  let rjsf: RjsfSnippet;
  let jsonForms: JsonFormsSnippet;
  beforeAll(async () => {
    service = await startTestService();
    await configureAllPlatforms(service);
    await mkdir(folder, { recursive: true });
    const [rjsfCode, jsonFormsCode, ...rest] = await snippets();
    expect(rest).toEqual([]);
    const url = `${service.url}/graphql`;
    rjsf = await load<RjsfSnippet>(rjsfCode ?? '', 'rjsf', url);
    jsonForms = await load<JsonFormsSnippet>(jsonFormsCode ?? '', 'json-forms', url);
  });
  afterAll(async () => {
    await service?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('RJSF draws the Glue form: labels, radio buttons, no Table at schema level', async () => {
    const form = await rjsf.loadForm('GlueDataOutput');
    const html = renderToStaticMarkup(createElement(rjsf.PluginForm, { form }));
    for (const text of ['Database', 'Database suffix', 'Access granularity', 'Schema level'])
      expect(html).toContain(`>${text}<`);
    expect(html.match(/type="radio"/g)).toHaveLength(2);
    expect(html).not.toContain('id="root_table"');
    expect(html).not.toContain('databasePath');
  });

  it('what RJSF submits is stored; a refused value comes back at its field', async () => {
    const form = await rjsf.loadForm('GlueDataOutput');
    const before = await rowCounts(service);
    const data = rjsfSubmission(form.jsonSchema, form.uiSchema, 1);
    const saved = await rjsf.save(form, data);
    expect(saved).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), extraErrors: {} });
    const refused = await rjsf.save(form, { ...data, database: 'unlisted' });
    expect(refused).toEqual({
      id: undefined,
      extraErrors: {
        database: {
          __errors: ['"unlisted" is not one of the configured databases: alpha, beta, gamma'],
        },
      },
    });
    expect((await rowCounts(service)).base).toBe(before.base + 1);
  });

  it('JSON Forms draws the Glue form and shows Table only at table level', async () => {
    const form = await jsonForms.loadForm('GlueDataOutput');
    const render = (data: Record<string, unknown>) =>
      renderToStaticMarkup(createElement(jsonForms.PluginForm, { form, data, onChange: () => {} }));
    const base = { database: 'alpha', databaseSuffix: 'x' };
    const schemaLevel = render({ ...base, accessGranularity: 'schema' });
    const tableLevel = render({ ...base, accessGranularity: 'table', table: 'orders' });
    for (const html of [schemaLevel, tableLevel]) {
      // Required: the database; the suffix may stay empty, as the portal allows.
      expect(html).toContain('>Database*<');
      expect(html).toContain('>Database suffix<');
      expect(html).toContain('>Schema level<');
      expect(html).toContain('>Table level<');
    }
    const table = /<div class="control root_allOf_0_then_properties_table"([^>]*)>/;
    expect(schemaLevel.match(table)?.[1]).toContain('hidden');
    expect(tableLevel.match(table)?.[1]).not.toContain('hidden');
    expect(tableLevel).toContain('value="orders"');
  });
});
