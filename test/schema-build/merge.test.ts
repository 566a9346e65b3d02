import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';
import { FragmentError, type FragmentSource } from '../../tools/schema-build/fragment.js';
import { mergeSchema } from '../../tools/schema-build/merge.js';

const base = { file: paths.baseSchema, text: readFileSync(paths.baseSchema, 'utf8') };
const golden = path.join(import.meta.dirname, 'golden.prisma');

function fragment(text: string, overrides: Partial<FragmentSource> = {}): FragmentSource {
  return {
    pluginName: 'ThingDataOutput',
    relationField: 'thing',
    file: path.resolve('plugins/thing/model.prisma'),
    text,
    configFields: [{ name: 'name', prismaTypes: ['String'] }],
    ...overrides,
  };
}

const validThing = `model ThingDataOutput {
  id   String                  @id @db.Uuid
  base DataOutputConfiguration @relation(fields: [id], references: [id], onDelete: Cascade)
  name String
  @@map("thing_data_outputs")
}`;

const example = {
  pluginName: 'ExampleDataOutput',
  relationField: 'example',
  file: path.resolve('test/fixtures/plugins/example/model.prisma'),
  text: readFileSync('test/fixtures/plugins/example/model.prisma', 'utf8'),
  configFields: [
    { name: 'bucket', prismaTypes: ['String'] },
    { name: 'note', prismaTypes: ['String'] },
  ],
};

function mergeError(text: string, overrides: Partial<FragmentSource> = {}): FragmentError {
  try {
    mergeSchema(base, [fragment(text, overrides)]);
  } catch (error) {
    expect(error).toBeInstanceOf(FragmentError);
    return error as FragmentError;
  }
  throw new Error('expected the merge to fail');
}

describe('schema merge', () => {
  it('merges the base and fragments into the golden schema, the same every time', () => {
    const merged = mergeSchema(base, [example, fragment(validThing)]);
    expect(merged).toBe(readFileSync(golden, 'utf8'));
    expect(mergeSchema(base, [example, fragment(validThing)])).toBe(merged);
  });

  it('names the fragment file and plugin in every error', () => {
    const error = mergeError(validThing.replace('onDelete: Cascade', 'onDelete: Restrict'));
    expect(error.message.split('\n')[0]).toBe(
      'Prisma fragment plugins/thing/model.prisma of plugin ThingDataOutput is invalid:',
    );
    expect(error.file).toBe(path.resolve('plugins/thing/model.prisma'));
    expect(error.pluginName).toBe('ThingDataOutput');
  });

  it.each([
    [
      'a model named otherwise',
      validThing.replace('model ThingDataOutput', 'model Thing'),
      'declares model(s) Thing; it must declare exactly one model, named after the plugin: `model ThingDataOutput`.',
    ],
    [
      'two models',
      `${validThing}\nmodel Extra {\n  id Int @id\n}`,
      'declares model(s) ThingDataOutput, Extra; it must declare exactly one model, named after the plugin: `model ThingDataOutput`.',
    ],
    [
      'a datasource',
      `datasource db {\n  provider = "postgresql"\n}\n${validThing}`,
      "declares datasource db; a fragment holds only the plugin's model.",
    ],
    [
      'no cascade delete',
      validThing.replace('onDelete: Cascade', 'onDelete: Restrict'),
      'the relation to DataOutputConfiguration must delete in cascade: declare `base DataOutputConfiguration @relation(fields: [id], references: [id], onDelete: Cascade)`.',
    ],
    [
      'an id that is not the foreign key',
      validThing
        .replace('fields: [id]', 'fields: [baseId]')
        .replace('  name String', '  baseId String @unique @db.Uuid\n  name String'),
      'its @id `id` must also be the foreign key to DataOutputConfiguration.id: declare `base DataOutputConfiguration @relation(fields: [id], references: [id], onDelete: Cascade)`.',
    ],
    [
      'an id of another type',
      validThing.replace('id   String                  @id @db.Uuid', 'id Int @id'),
      null,
    ],
    [
      'a config field without a column',
      validThing.replace('  name String\n', ''),
      'configuration field `name` has no column: add `name` to model ThingDataOutput.',
    ],
    [
      'a column outside the config',
      validThing.replace('  name String', '  name String\n  extra Int'),
      "column `extra` is not a field of the plugin's configuration schema: remove it or add the field.",
    ],
    [
      'a column that cannot store the field',
      validThing.replace('  name String', '  name Int'),
      "column `name` has type Int, which cannot store the field's values: make it String.",
    ],
  ])('rejects a fragment with %s', (_case, text, problem) => {
    const error = mergeError(text);
    if (problem) expect(error.problems[0]).toBe(problem);
    else expect(error.problems.length).toBeGreaterThan(0);
  });

  it("requires a column's database default to be its field's default", () => {
    const withDefault = validThing.replace('  name String', '  name String @default("x")');
    expect(mergeError(withDefault).problems).toEqual([
      'column `name` has @default("x") but configuration field `name` has no default: give the field that default with .default("x"), or remove @default.',
    ]);
    const otherDefault = {
      configFields: [{ name: 'name', prismaTypes: ['String'], defaultValue: 'y' }],
    };
    expect(mergeError(withDefault, otherDefault).problems).toEqual([
      'column `name` has @default("x") but configuration field `name` defaults to "y": make @default the field\'s default.',
    ]);
    const sameDefault = {
      configFields: [{ name: 'name', prismaTypes: ['String'], defaultValue: 'x' }],
    };
    expect(() => mergeSchema(base, [fragment(withDefault, sameDefault)])).not.toThrow();
  });

  it("passes on Prisma's own error, located in the fragment file", () => {
    const error = mergeError(validThing.replace('name String', 'name Strin'));
    expect(error.problems[0]).toContain('Type "Strin" is neither a built-in type');
    expect(error.problems[0]).toContain('-->  plugins/thing/model.prisma:4');
  });

  it('rejects a table name already used, naming the owner', () => {
    const clash = fragment(validThing.replace('thing_data_outputs', 'data_output_configurations'));
    // Prisma itself refuses a clash with the base table, in the fragment's file.
    expect(() => mergeSchema(base, [clash])).toThrow(/plugins\/thing\/model\.prisma:5/);
    const second = fragment(
      example.text.replace('model ExampleDataOutput', 'model OtherDataOutput'),
      {
        pluginName: 'OtherDataOutput',
        relationField: 'other',
        configFields: example.configFields,
        file: path.resolve('plugins/other/model.prisma'),
      },
    );
    expect(() => mergeSchema(base, [example, second])).toThrow(
      'Prisma fragment plugins/other/model.prisma of plugin OtherDataOutput is invalid:\n- its table `example_data_outputs` is already used by test/fixtures/plugins/example/model.prisma',
    );
  });

  it('rejects a platform key that clashes with a base field', () => {
    const error = mergeError(validThing, { relationField: 'plugin' });
    expect(error.problems).toEqual([
      'its platform key `plugin` clashes with field DataOutputConfiguration.plugin: choose another platform key.',
    ]);
  });
});
