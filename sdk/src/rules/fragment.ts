// The rules a plugin's Prisma fragment follows: one model, named after the plugin, whose @id is
// also the foreign key to the shared base table, with one column per configuration field of a
// type that stores its values. The service's schema build and the conformance kit both apply them
// to the model as Prisma's parser reads it.

/**
 * The shared model every plugin table extends.
 *
 * @internal
 */
export const BASE_MODEL = 'DataOutputConfiguration';

/**
 * A field of a model as Prisma's parser (its DMMF) describes it; only what the rules read.
 *
 * @internal
 */
export interface ModelField {
  name: string;
  kind: string;
  type: string;
  isId: boolean;
  isRequired?: boolean;
  /** The column name, when `@map` gives one. */
  dbName?: string | null;
  nativeType?: readonly [string, readonly string[]] | null;
  relationFromFields?: readonly string[];
  relationToFields?: readonly string[];
  relationOnDelete?: string;
  hasDefaultValue?: boolean;
  default?: unknown;
}

/** @internal */
export interface Model {
  name: string;
  dbName: string | null;
  fields: readonly ModelField[];
}

/**
 * A configuration field and the Prisma scalar types that can store its values.
 *
 * @internal
 */
export interface ConfigColumn {
  name: string;
  /** e.g. `['Int', 'BigInt']` for an integer field. */
  prismaTypes: readonly string[];
  /** The field's Zod default; a database default of its column must be the same value. */
  defaultValue?: string | number | boolean;
}

/**
 * The Prisma types that store the values of a field of each kind. Enum values are stored as text:
 * a fragment may declare no Prisma enum of its own.
 *
 * @internal
 */
export const PRISMA_TYPES = {
  String: ['String'],
  Enum: ['String'],
  Boolean: ['Boolean'],
  Int: ['Int', 'BigInt'],
  Float: ['Float', 'Decimal'],
} as const;

const MODEL_LINE = /^\s*model\s+(\w+)\s*\{/gm;
const OTHER_BLOCK = /^\s*(datasource|generator|enum|type|view)\s+(\w+)/gm;

/**
 * What the fragment's text declares wrongly, before Prisma parses it: anything but one model named
 * after the plugin.
 *
 * @internal
 */
export function fragmentTextProblems(text: string, pluginName: string): string[] {
  const declared = [...text.matchAll(MODEL_LINE)].map((m) => m[1]);
  const others = [...text.matchAll(OTHER_BLOCK)].map((m) => `${m[1]} ${m[2]}`);
  if (others.length > 0)
    return [`declares ${others.join(', ')}; a fragment holds only the plugin's model.`];
  if (declared.length !== 1 || declared[0] !== pluginName) {
    const found = declared.length === 0 ? 'no model' : `model(s) ${declared.join(', ')}`;
    return [
      `declares ${found}; it must declare exactly one model, named after the plugin: \`model ${pluginName}\`.`,
    ];
  }
  return [];
}

/**
 * Adds one `<key> <Model>?` relation field per plugin to the base model, the back side of each
 * plugin table's relation.
 *
 * @internal
 */
export function withRelations(
  base: string,
  plugins: ReadonlyArray<{ relationField: string; pluginName: string }>,
): string {
  const start = base.search(new RegExp(`^model\\s+${BASE_MODEL}\\s*\\{`, 'm'));
  if (start < 0) throw new Error(`The base schema has no model ${BASE_MODEL}.`);
  const end = base.indexOf('\n}', start);
  const body = base.slice(start, end);
  const attributes = body.search(/\n\s*@@/);
  const at = attributes < 0 ? end : start + attributes;
  const lines = plugins.map((p) => `\n  ${p.relationField} ${p.pluginName}?`).join('');
  return base.slice(0, at) + lines + base.slice(at);
}

/**
 * A column's database default (what rows stored before the column existed get) must be its field's
 * Zod default (what the API fills in), so old and new rows read the same. The field's default is
 * the fact; the column repeats it.
 */
function defaultProblems(field: ConfigColumn, column: ModelField): string[] {
  if (!column.hasDefaultValue) return [];
  const shown = JSON.stringify(column.default);
  if (field.defaultValue === undefined) {
    return [
      `column \`${field.name}\` has @default(${shown}) but configuration field \`${field.name}\` has no default: give the field that default with .default(${shown}), or remove @default.`,
    ];
  }
  if (column.default === field.defaultValue) return [];
  return [
    `column \`${field.name}\` has @default(${shown}) but configuration field \`${field.name}\` defaults to ${JSON.stringify(field.defaultValue)}: make @default the field's default.`,
  ];
}

function relationProblems(model: Model, id: ModelField): string[] {
  const problems: string[] = [];
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
  return problems;
}

function columnProblems(model: Model, id: ModelField, configColumns: readonly ConfigColumn[]) {
  const problems: string[] = [];
  const columns = new Map(
    model.fields.filter((f) => f.kind !== 'object' && f !== id).map((f) => [f.name, f]),
  );
  for (const field of configColumns) {
    const column = columns.get(field.name);
    if (!column)
      problems.push(
        `configuration field \`${field.name}\` has no column: add \`${field.name}\` to model ${model.name}.`,
      );
    else if (!field.prismaTypes.includes(column.type)) {
      problems.push(
        `column \`${field.name}\` has type ${column.type}, which cannot store the field's values: make it ${field.prismaTypes.join(' or ')}.`,
      );
    } else {
      problems.push(...defaultProblems(field, column));
    }
  }
  const fieldNames = new Set(configColumns.map((field) => field.name));
  for (const column of [...columns.keys()].filter((name) => !fieldNames.has(name))) {
    problems.push(
      `column \`${column}\` is not a field of the plugin's configuration schema: remove it or add the field.`,
    );
  }
  return problems;
}

/**
 * What is wrong with the plugin's model, as parsed together with the base model.
 *
 * @internal
 */
export function fragmentModelProblems(
  model: Model,
  baseModel: Model,
  configColumns: readonly ConfigColumn[],
): string[] {
  const idFields = model.fields.filter((f) => f.isId);
  const id = idFields[0];
  if (idFields.length !== 1 || !id)
    return [
      `model ${model.name} needs a single-field @id (a compound primary key cannot reference ${BASE_MODEL}).`,
    ];
  const problems: string[] = [];
  const baseId = baseModel.fields.find((f) => f.isId);
  if (baseId && (id.type !== baseId.type || id.nativeType?.[0] !== baseId.nativeType?.[0])) {
    problems.push(
      `@id field \`${id.name}\` must have the type of ${BASE_MODEL}.id: \`${baseId.type} @db.${baseId.nativeType?.[0]}\`.`,
    );
  }
  return [...problems, ...relationProblems(model, id), ...columnProblems(model, id, configColumns)];
}
