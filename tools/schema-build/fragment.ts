import {
  BASE_MODEL,
  type ConfigColumn,
  fragmentModelProblems,
  fragmentTextProblems,
  withRelations,
} from '@data-product-portal/plugin-sdk/internal';
import { displayPath } from '../../src/paths.js';
import { type DmmfModel, PrismaSchemaError, readDatamodel } from './prisma-wasm.js';

// The rules themselves are the SDK's, shared with its conformance kit; this applies them to a
// plugin's fragment as Prisma's parser reads it with the project's base schema.
export { BASE_MODEL, withRelations };

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

/** Checks one fragment against the base schema and returns its model. */
export function checkFragment(base: SchemaFile, fragment: FragmentSource): DmmfModel {
  const fail = (...problems: string[]): never => {
    throw new FragmentError(fragment.file, fragment.pluginName, problems);
  };
  const declared = fragmentTextProblems(fragment.text, fragment.pluginName);
  if (declared.length > 0) fail(...declared);
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
  const problems = fragmentModelProblems(model, baseModel, fragment.configFields);
  if (problems.length > 0) fail(...problems);
  return model;
}
