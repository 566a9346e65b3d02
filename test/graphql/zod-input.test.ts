import { type ConfigSchema, formField, storedField } from '@data-product-portal/plugin-sdk';
import { type GraphQLInputObjectType, printType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PluginView } from '../../src/catalog/plugin-view.js';
import { describeConfig, UnsupportedConfigError } from '../../src/config-schema/describe.js';
import { createBuilder } from '../../src/graphql/builder.js';
import { addConfigInputs } from '../../src/graphql/config-inputs.js';
import { configTypeResolver } from '../../src/graphql/config-types.js';

const level = z.enum(['low', 'high']).meta({ id: 'SharedLevel', description: 'A shared level.' });

const everyConstruct = z
  .object({
    requiredText: formField(z.string().min(1), { label: 'Required', tooltip: 'Must be filled.' }),
    plainText: storedField(z.string(), { description: 'May be empty.' }),
    optionalText: storedField(z.string().optional(), { description: 'May be left out.' }),
    nullableText: storedField(z.string().nullable(), { description: 'May be null.' }),
    defaultedText: formField(z.string().min(1).default('*'), {
      label: 'Defaulted',
      description: 'Has a default.',
    }),
    sharedEnum: formField(level.default('low'), { label: 'Level', tooltip: 'Pick one.' }),
    ownEnum: storedField(z.enum(['a', 'b']), { description: 'An enum of its own.' }),
    flag: formField(z.boolean().default(false), { label: 'Flag', tooltip: 'On or off.' }),
    count: storedField(z.int(), { description: 'Whole number.' }),
    ratio: storedField(z.number().optional(), { description: 'Any number.' }),
  })
  .transform((value) => ({ ...value, plainText: value.plainText.trim() }));

function viewOf(name: string, config: ConfigSchema): PluginView {
  return {
    name,
    inputTypeName: `${name}Input`,
    displayName: name,
    description: 'Test.',
    fields: describeConfig(name, config),
  } as PluginView;
}

function buildInputs(...views: PluginView[]) {
  const builder = createBuilder();
  builder.queryType({ fields: (t) => ({ ok: t.boolean({ resolve: () => true }) }) });
  addConfigInputs(builder, views, configTypeResolver(builder));
  return builder.toSchema({ sortSchema: false });
}

describe('Zod configuration → GraphQL input type', () => {
  it('maps every construct the plugins use, in declaration order', () => {
    const schema = buildInputs(viewOf('EveryDataOutput', everyConstruct));
    const input = schema.getType('EveryDataOutputInput') as GraphQLInputObjectType;
    expect(printType(input)).toBe(`"""
Configuration of a EveryDataOutput data output (plugin EveryDataOutput). Test.
"""
input EveryDataOutputInput {
  """Must be filled. At most 1024 characters."""
  requiredText: String!

  """May be empty. At most 1024 characters."""
  plainText: String!

  """May be left out. At most 1024 characters."""
  optionalText: String

  """May be null. At most 1024 characters."""
  nullableText: String

  """Has a default. At most 1024 characters."""
  defaultedText: String! = "*"

  """Pick one."""
  sharedEnum: SharedLevel! = low

  """An enum of its own."""
  ownEnum: EveryDataOutputOwnEnum!

  """On or off."""
  flag: Boolean! = false

  """Whole number."""
  count: Int!

  """Any number."""
  ratio: Float
}`);
    expect(printType(schema.getType('SharedLevel')!)).toBe(
      '"""A shared level."""\nenum SharedLevel {\n  low\n  high\n}',
    );
  });

  it('tells required (a value must be given) from non-null (a default may fill it)', () => {
    const fields = Object.fromEntries(
      describeConfig('EveryDataOutput', everyConstruct).map((f) => [f.name, f]),
    );
    expect(fields.requiredText).toMatchObject({ nonNull: true, required: true });
    expect(fields.plainText).toMatchObject({ nonNull: true, required: false });
    expect(fields.defaultedText).toMatchObject({
      nonNull: true,
      required: true,
      defaultValue: '*',
    });
    expect(fields.optionalText).toMatchObject({ nonNull: false, required: false });
    expect(fields.sharedEnum).toMatchObject({ required: true, defaultValue: 'low' });
  });

  it('creates a shared enum once for several plugins', () => {
    const other = z.object({ level: storedField(level, { description: 'Level again.' }) });
    const schema = buildInputs(
      viewOf('EveryDataOutput', everyConstruct),
      viewOf('OtherDataOutput', other),
    );
    const input = schema.getType('OtherDataOutputInput') as GraphQLInputObjectType;
    expect(String(input.getFields().level?.type)).toBe('SharedLevel!');
  });

  it('refuses two different enums under one name, naming both plugins', () => {
    const clash = z.object({
      level: storedField(z.enum(['x']).meta({ id: 'Clash' }), { description: 'x' }),
    });
    const clash2 = z.object({
      level: storedField(z.enum(['y']).meta({ id: 'Clash' }), { description: 'y' }),
    });
    expect(() =>
      buildInputs(viewOf('OneDataOutput', clash), viewOf('TwoDataOutput', clash2)),
    ).toThrow(
      'Plugin TwoDataOutput: GraphQL enum Clash has values y, but plugin OneDataOutput defines it with x. Give one of the Zod enums another metadata id.',
    );
  });

  it('refuses a Zod construct with no GraphQL mapping, naming plugin and field', () => {
    const config = z.object({ tags: storedField(z.array(z.string()), { description: 'Tags.' }) });
    expect(() => describeConfig('TagDataOutput', config)).toThrow(UnsupportedConfigError);
    expect(() => describeConfig('TagDataOutput', config)).toThrow(
      'Plugin TagDataOutput: configuration field `tags` uses Zod type `array`, which has no GraphQL mapping.',
    );
  });
});
