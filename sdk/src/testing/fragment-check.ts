import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DataOutputPlugin } from '../define-plugin.js';
import {
  BASE_MODEL,
  fragmentModelProblems,
  fragmentTextProblems,
  type Model,
  withRelations,
} from '../rules/fragment.js';
import { readFields } from './config-fields.js';
import { CONTRACT_BASE_PRISMA } from './contract-base.js';

// The Prisma fragment, parsed by Prisma's own parser (`@prisma/prisma-schema-wasm`, an optional
// peer of this entry) with the contract's base model, then checked by the service's rules.

interface SchemaWasm {
  get_dmmf(params: string): string;
}

const PARSER = '@prisma/prisma-schema-wasm';

function loadParser(): SchemaWasm | string {
  try {
    return createRequire(import.meta.url)(PARSER) as SchemaWasm;
  } catch {
    return `cannot check the Prisma fragment: install ${PARSER} (an optional peer dependency of @data-product-portal/plugin-sdk/testing; the version the service uses) as a dev dependency.`;
  }
}

function prismaMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && 'message' in parsed) return String(parsed.message);
  } catch {
    // not JSON: keep it as it is
  }
  return raw;
}

export interface FragmentResult {
  problems: string[];
  /** The plugin's model as Prisma read it; undefined when it could not be read. */
  model?: Model;
}

/** Checks the fragment against the configuration, as the service's schema build does. */
export function fragmentCheck(plugin: DataOutputPlugin): FragmentResult {
  const parser = loadParser();
  if (typeof parser === 'string') return { problems: [parser] };
  let text: string;
  try {
    text = readFileSync(plugin.prismaFragment, 'utf8');
  } catch (error) {
    return { problems: [`cannot read ${plugin.prismaFragment}: ${prismaMessage(error)}`] };
  }
  const declared = fragmentTextProblems(text, plugin.name);
  if (declared.length > 0) return { problems: declared };
  const base = withRelations(CONTRACT_BASE_PRISMA, [
    { relationField: plugin.platform.key, pluginName: plugin.name },
  ]);
  let models: Model[];
  try {
    const dmmf = parser.get_dmmf(
      JSON.stringify({
        prismaSchema: [
          ['contract-base.prisma', base],
          [plugin.prismaFragment, text],
        ],
        noColor: true,
      }),
    );
    models = (JSON.parse(dmmf) as { datamodel: { models: Model[] } }).datamodel.models;
  } catch (error) {
    return { problems: [`Prisma rejects it:\n${prismaMessage(error).trim()}`] };
  }
  const model = models.find((m) => m.name === plugin.name);
  const baseModel = models.find((m) => m.name === BASE_MODEL);
  if (!model || !baseModel)
    return { problems: [`model ${plugin.name} was not found after parsing.`] };
  const columns = readFields(plugin.config).fields.map((field) => field.column);
  return { problems: fragmentModelProblems(model, baseModel, columns), model };
}
