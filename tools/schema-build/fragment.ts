import type { ConfigColumn } from '../../src/config-schema/columns.js';
import { displayPath } from '../../src/paths.js';
import { type DmmfModel, PrismaSchemaError, readDatamodel } from './prisma-wasm.js';

/** The shared table every plugin table extends. */
export const BASE_MODEL = 'DataOutputConfiguration';

export interface SchemaFile {
  file: string;
  text: string;
}

/** A plugin's Prisma fragment together with what it must agree with. */
export interface FragmentSource extends SchemaFile {
  pluginName: string;
  /** Name of the relation field added to the base model: the plugin's platform key. */
  relationField: string;
  /** Fields of the plugin's configuration schema; each must be a column of the model. */
  configFields: readonly ConfigColumn[];
}

/** A fragment that cannot be merged; the message names the file, the plugin and the fix. */
export class FragmentError extends Error {
  constructor(
    readonly file: string,
    readonly pluginName: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Prisma fragment ${displayPath(file)} of plugin ${pluginName} is invalid:\n- ${problems.join('\n- ')}`,
    );
    this.name = 'FragmentError';
  }
}

const MODEL_LINE = /^\s*model\s+(\w+)\s*\{/gm;
const OTHER_BLOCK = /^\s*(datasource|generator|enum|type|view)\s+(\w+)/gm;

/** Adds one `<key> <Model>?` relation field per fragment to the base model. */
export function withRelations(
  base: string,
  fragments: ReadonlyArray<Pick<FragmentSource, 'relationField' | 'pluginName'>>,
): string {
  const start = base.search(new RegExp(`^model\\s+${BASE_MODEL}\\s*\\{`, 'm'));
  if (start < 0) throw new Error(`The base schema has no model ${BASE_MODEL}.`);
  const end = base.indexOf('\n}', start);
  const body = base.slice(start, end);
  const attributes = body.search(/\n\s*@@/);
  const at = attributes < 0 ? end : start + attributes;
  const lines = fragments.map((f) => `\n  ${f.relationField} ${f.pluginName}?`).join('');
  return base.slice(0, at) + lines + base.slice(at);
}

function structuralProblems(
  model: DmmfModel,
  fragment: FragmentSource,
  baseModel: DmmfModel,
): string[] {
  const problems: string[] = [];
  const idFields = model.fields.filter((f) => f.isId);
  const id = idFields[0];
  const baseId = baseModel.fields.find((f) => f.isId);
  if (idFields.length !== 1 || !id)
    return [
      `model ${model.name} needs a single-field @id (a compound primary key cannot reference ${BASE_MODEL}).`,
    ];
  if (baseId && (id.type !== baseId.type || id.nativeType?.[0] !== baseId.nativeType?.[0])) {
    problems.push(
      `@id field \`${id.name}\` must have the type of ${BASE_MODEL}.id: \`${baseId.type} @db.${baseId.nativeType?.[0]}\`.`,
    );
  }
  const relations = model.fields.filter((f) => f.kind === 'object');
  const base = relations.find((f) => f.type === BASE_MODEL);
  const fix = `declare \`base ${BASE_MODEL} @relation(fields: [${id.name}], references: [id], onDelete: Cascade)\``;
  if (
    !base ||
    base.relationFromFields?.join() !== id.name ||
    base.relationToFields?.join() !== 'id'
  ) {
    problems.push(
      `its @id \`${id.name}\` must also be the foreign key to ${BASE_MODEL}.id: ${fix}.`,
    );
  } else if (base.relationOnDelete !== 'Cascade') {
    problems.push(`the relation to ${BASE_MODEL} must delete in cascade: ${fix}.`);
  }
  for (const other of relations.filter((f) => f.type !== BASE_MODEL)) {
    problems.push(
      `field \`${other.name}\` relates to ${other.type}; a fragment may relate only to ${BASE_MODEL}.`,
    );
  }
  const columns = new Map(
    model.fields.filter((f) => f.kind !== 'object' && f !== id).map((f) => [f.name, f]),
  );
  for (const field of fragment.configFields) {
    const column = columns.get(field.name);
    if (!column)
      problems.push(
        `configuration field \`${field.name}\` has no column: add \`${field.name}\` to model ${model.name}.`,
      );
    else if (!field.prismaTypes.includes(column.type)) {
      problems.push(
        `column \`${field.name}\` has type ${column.type}, which cannot store the field's values: make it ${field.prismaTypes.join(' or ')}.`,
      );
    }
  }
  const fieldNames = new Set(fragment.configFields.map((field) => field.name));
  for (const column of [...columns.keys()].filter((name) => !fieldNames.has(name))) {
    problems.push(
      `column \`${column}\` is not a field of the plugin's configuration schema: remove it or add the field.`,
    );
  }
  return problems;
}

/** Checks one fragment against the base schema and returns its model. */
export function checkFragment(base: SchemaFile, fragment: FragmentSource): DmmfModel {
  const fail = (...problems: string[]): never => {
    throw new FragmentError(fragment.file, fragment.pluginName, problems);
  };
  const declared = [...fragment.text.matchAll(MODEL_LINE)].map((m) => m[1]);
  const others = [...fragment.text.matchAll(OTHER_BLOCK)].map((m) => `${m[1]} ${m[2]}`);
  if (others.length > 0)
    fail(`declares ${others.join(', ')}; a fragment holds only the plugin's model.`);
  if (declared.length !== 1 || declared[0] !== fragment.pluginName) {
    const found = declared.length === 0 ? 'no model' : `model(s) ${declared.join(', ')}`;
    fail(
      `declares ${found}; it must declare exactly one model, named after the plugin: \`model ${fragment.pluginName}\`.`,
    );
  }
  let models: DmmfModel[] = [];
  try {
    const files: Array<[string, string]> = [
      [displayPath(base.file), withRelations(base.text, [fragment])],
      [displayPath(fragment.file), fragment.text],
    ];
    models = readDatamodel(files).models;
  } catch (error) {
    if (!(error instanceof PrismaSchemaError)) throw error;
    fail(`Prisma rejects it:\n${error.message.trim()}`);
  }
  const model = models.find((m) => m.name === fragment.pluginName);
  const baseModel = models.find((m) => m.name === BASE_MODEL);
  if (!model || !baseModel)
    return fail(`model ${fragment.pluginName} was not found after parsing.`);
  const problems = structuralProblems(model, fragment, baseModel);
  if (problems.length > 0) fail(...problems);
  return model;
}
