import { existsSync, statSync } from 'node:fs';
import { CONTRACT_VERSION, PLUGIN_BRAND } from '../contract.js';
import type { DataOutputPlugin } from '../define-plugin.js';
import { configFieldProblems } from '../rules/fields.js';
import { migrationDeclarationProblem, pluginMetadataSchema } from '../rules/metadata.js';
import { inputObject, readFields } from './config-fields.js';

// The checks of the definition itself: made by definePlugin for this contract, metadata, fields.

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/;

/** Whether `^base` includes `version`: same major, not older, a prerelease before its release. */
function caretIncludes(base: string, version: string): boolean {
  const [, ...b] = VERSION.exec(base) ?? [];
  const [, ...v] = VERSION.exec(version) ?? [];
  if (b.length === 0 || v.length === 0 || b[0] !== v[0]) return false;
  for (const i of [1, 2]) {
    const diff = Number(v[i]) - Number(b[i]);
    if (diff !== 0) return diff > 0;
  }
  return v[3] === undefined || b[3] !== undefined;
}

/** The plugin, once it is one made by `definePlugin` for a contract this SDK implements. */
export function contractCheck(
  value: unknown,
): { plugin: DataOutputPlugin; problems: [] } | { problems: string[] } {
  if (typeof value !== 'object' || value === null || !(PLUGIN_BRAND in value)) {
    return {
      problems: [
        'is not a plugin: create it with definePlugin() from @data-product-portal/plugin-sdk.',
      ],
    };
  }
  const stamp: unknown = Reflect.get(value, PLUGIN_BRAND);
  const made =
    typeof stamp === 'object' && stamp !== null && 'contractVersion' in stamp
      ? String(stamp.contractVersion)
      : '(unknown)';
  if (!caretIncludes(made, CONTRACT_VERSION)) {
    return {
      problems: [
        `was made with plugin SDK ${made}, whose contract this SDK (${CONTRACT_VERSION}) does not implement: build it against ^${CONTRACT_VERSION}, declared as a peer dependency.`,
      ],
    };
  }
  return { plugin: value as unknown as DataOutputPlugin, problems: [] };
}

/** Name, version, description, platform metadata, and the files the plugin names. */
export function metadataProblems(plugin: DataOutputPlugin): string[] {
  const parsed = pluginMetadataSchema.safeParse(plugin);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  const declaration = migrationDeclarationProblem(plugin);
  if (declaration !== undefined) problems.push(declaration);
  const fragment = plugin.prismaFragment;
  if (typeof fragment !== 'string' || !existsSync(fragment) || !statSync(fragment).isFile())
    problems.push(`prismaFragment ${String(fragment)}: file not found.`);
  if (typeof plugin.check !== 'undefined' && typeof plugin.check !== 'function')
    problems.push('check must be a function (value, context) => issues.');
  return problems;
}

/** The configuration schema and each of its fields. */
export function fieldsProblems(plugin: DataOutputPlugin): string[] {
  if (inputObject(plugin.config) === undefined)
    return ['config must be a Zod object schema, optionally piped into .transform().'];
  const { fields, problems } = readFields(plugin.config);
  return [...problems, ...configFieldProblems(fields)];
}
