import { definePlugin, formField } from '@data-product-portal/plugin-sdk';
import { createAjv } from '@jsonforms/core';
import validator from '@rjsf/validator-ajv8';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pluginView } from '../../src/catalog/plugin-view.js';
import { examplePlugin } from '../fixtures/plugins/example/index.js';

// The form schemas of a plugin that uses what the internal ones do not: a checkbox that shows a
// field, a field depending on two others, a disabled and a hidden field, a tooltip beside a
// description.
const { name, version, description, platform, prismaFragment, migration } = examplePlugin;
const plugin = definePlugin({
  name,
  version,
  description,
  platform,
  prismaFragment,
  migration,
  config: z.object({
    region: formField(z.string().min(1), {
      label: 'Region',
      description: 'Where the data lives.',
      tooltip: 'Pick the closest one',
    }),
    retention: formField(z.boolean().default(false), { label: 'Retention', tooltip: 'Keep data' }),
    mode: formField(z.enum(['copy', 'move', 'link']).default('copy'), {
      label: 'Mode',
      tooltip: 'How data arrives',
      widget: 'radio',
    }),
    days: formField(z.number().int().min(1).default(30), {
      label: 'Days',
      tooltip: 'How long to keep data',
      dependsOn: [{ field: 'retention', value: 'true' }],
    }),
    target: formField(z.string().min(1), {
      label: 'Target',
      tooltip: 'Where moved or linked data goes',
      dependsOn: [
        { field: 'mode', value: 'move' },
        { field: 'mode', value: 'link' },
        { field: 'retention', value: 'true' },
      ],
    }),
    owner: formField(z.string().default('platform'), {
      label: 'Owner',
      tooltip: 'Set by the platform team',
      disabled: true,
    }),
    namespace: formField(z.string().default(''), {
      label: 'Namespace',
      tooltip: 'Filled by the frontend',
      hidden: true,
    }),
  }),
});
const view = pluginView({ plugin, source: 'test' });

function check(data: Record<string, unknown>) {
  const draft07 = view.jsonSchemas['draft-07'];
  const rjsf = validator.rawValidation(draft07, data);
  return {
    rjsf: rjsf.validationError === undefined && (rjsf.errors ?? []).length === 0,
    jsonForms: createAjv().validate(draft07, data),
    strictAjv2020: new Ajv2020({ strict: true }).validate(view.jsonSchemas['draft-2020-12'], data),
  };
}
const VALID = { rjsf: true, jsonForms: true, strictAjv2020: true };
const INVALID = { rjsf: false, jsonForms: false, strictAjv2020: false };

describe('form schemas from form metadata', () => {
  it('turns dependsOn into if/then rules: a checkbox, and one value of several on two fields', () => {
    expect(view.jsonSchemas['draft-07'].allOf).toEqual([
      {
        if: { properties: { retention: { const: true } }, required: ['retention'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, not a promise.
        then: { properties: { days: expect.objectContaining({ type: 'integer', default: 30 }) } },
      },
      {
        if: {
          properties: { mode: { enum: ['move', 'link'] }, retention: { const: true } },
          required: ['mode', 'retention'],
        },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's `then`, not a promise.
        then: {
          properties: { target: expect.objectContaining({ type: 'string', minLength: 1 }) },
          required: ['target'],
        },
      },
    ]);
  });

  it('validates as the API does', () => {
    const base = { region: 'eu', owner: 'platform', namespace: '' };
    expect(check(base)).toEqual(VALID);
    expect(check({ ...base, retention: true, days: 7 })).toEqual(VALID);
    expect(check({ ...base, retention: true, mode: 'link', target: 'x' })).toEqual(VALID);
    // Its default is no value the service would ignore.
    expect(check({ ...base, days: 30 })).toEqual(VALID);
    for (const bad of [
      { ...base, days: 7 },
      { ...base, mode: 'copy', retention: true, target: 'x' },
      { ...base, retention: true, mode: 'move' },
      { ...base, retention: 'yes' },
    ])
      expect(check(bad), JSON.stringify(bad)).toEqual(INVALID);
  });

  it('marks disabled fields read-only and keeps descriptions and labels', () => {
    const { properties } = view.jsonSchemas['draft-07'] as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(properties.owner).toMatchObject({ readOnly: true, default: 'platform', title: 'Owner' });
    expect(properties.region?.description).toBe('Where the data lives. At most 1024 characters.');
    expect(properties.mode?.oneOf).toEqual([
      { const: 'copy', title: 'Copy' },
      { const: 'move', title: 'Move' },
      { const: 'link', title: 'Link' },
    ]);
  });

  it('gives RJSF order, widgets, help beside a description, hidden and disabled fields', () => {
    expect(view.uiSchemas.rjsf).toEqual({
      'ui:order': ['region', 'retention', 'mode', 'days', 'target', 'owner', 'namespace'],
      region: { 'ui:help': 'Pick the closest one' },
      mode: { 'ui:widget': 'radio' },
      owner: { 'ui:disabled': true },
      namespace: { 'ui:widget': 'hidden' },
    });
  });

  it('gives JSON Forms the visible controls in order, with SHOW rules on the then-scopes', () => {
    const layout = view.uiSchemas.jsonForms as {
      elements: Array<{ scope: string; options: Record<string, unknown>; rule?: unknown }>;
    };
    expect(layout.elements.map((e) => e.scope)).toEqual([
      '#/properties/region',
      '#/properties/retention',
      '#/properties/mode',
      '#/allOf/0/then/properties/days',
      '#/allOf/1/then/properties/target',
      '#/properties/owner',
    ]);
    expect(layout.elements[2]?.options).toMatchObject({ format: 'radio' });
    expect(layout.elements[5]?.options).toMatchObject({ readonly: true });
    expect(layout.elements[3]?.rule).toEqual({
      effect: 'SHOW',
      condition: {
        scope: '#',
        schema: { properties: { retention: { const: true } }, required: ['retention'] },
      },
    });
  });
});
