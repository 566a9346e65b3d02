import { existsSync, statSync } from 'node:fs';
import { type DataOutputPlugin, templateFields } from '@data-product-portal/plugin-sdk';
import {
  CONTRACT_VERSION,
  configFieldProblems,
  migrationDeclarationProblem,
  PLUGIN_BRAND,
  pluginMetadataSchema,
} from '@data-product-portal/plugin-sdk/internal';
import semver from 'semver';
import { z } from 'zod';
import { type ConfigField, describeConfig } from '../config-schema/describe.js';
import { isCompatible } from './contract.js';

const fn = (message: string) => z.custom<unknown>((value) => typeof value === 'function', message);

const renderedString = z.object({
  template: z.string().min(1, 'must be a template such as {database}.{table}'),
  postProcess: fn('must be a function (rendered) => string').optional(),
});

// Name, version, description and platform metadata follow the SDK's rules, which its conformance
// kit applies too; the rest is what only a loaded plugin has.
const pluginShape = z
  .object({
    ...pluginMetadataSchema.shape,
    config: z.custom<DataOutputPlugin['config']>(
      (value) =>
        value instanceof z.ZodObject ||
        (value instanceof z.ZodPipe && value.in instanceof z.ZodObject),
      'must be a Zod object schema, optionally piped into .transform()',
    ),
    prismaFragment: z
      .string()
      .refine((file) => existsSync(file) && statSync(file).isFile(), 'file not found'),
    migrations: z.string().min(1).optional(),
    migration: z.string().min(1).optional(),
    check: z
      .custom<DataOutputPlugin['check']>(
        (value) => typeof value === 'function',
        'must be a function (value, context) => issues',
      )
      .optional(),
    // Contract 1.4: what the portal shows around a configuration.
    resultString: renderedString.optional(),
    technicalInfo: renderedString
      .extend({ values: fn('must be a function (config, settings) => values').optional() })
      .optional(),
    namedSettings: z
      .custom<z.ZodObject>(
        (value) => value instanceof z.ZodObject,
        'must be a Zod object schema of optional fields',
      )
      .optional(),
    consoleUrl: fn(
      'must be a function ({ config, settings, environment }) => { url } or { reason }',
    ).optional(),
  })
  .superRefine((plugin, context) => {
    const problem = migrationDeclarationProblem(plugin);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });

function hasBrand(
  value: unknown,
): value is Record<PropertyKey, unknown> & { [PLUGIN_BRAND]: unknown } {
  return typeof value === 'object' && value !== null && PLUGIN_BRAND in value;
}

/** True for anything made by `definePlugin` of any SDK copy, valid or not. */
export function isBrandedPlugin(value: unknown): boolean {
  return hasBrand(value);
}

function fieldProblems(fields: ConfigField[]): string[] {
  return configFieldProblems(
    fields.map((field) => ({
      name: field.name,
      ...(field.description === undefined ? {} : { description: field.description }),
      ...(typeof field.type === 'object' ? { enumValues: field.type.values } : {}),
      ...(field.form === undefined ? {} : { form: field.form }),
    })),
  );
}

/** The result string renders stored fields only: a name that is none would always render empty. */
function templateProblems(plugin: DataOutputPlugin, fields: ConfigField[]): string[] {
  if (!plugin.resultString) return [];
  const names = new Set(fields.map((field) => field.name));
  return templateFields(plugin.resultString.template)
    .filter((name) => !names.has(name))
    .map(
      (name) =>
        `resultString template names {${name}}, which is not a config field (${[...names].join(', ')}).`,
    );
}

/**
 * Checks that a value is a usable plugin and returns it typed. Problems are collected so a
 * plugin author sees all of them at once.
 */
export function checkPlugin(
  value: unknown,
): { plugin: DataOutputPlugin; problems?: never } | { problems: string[] } {
  if (!hasBrand(value))
    return { problems: ['is not a plugin: create it with definePlugin() from the plugin SDK.'] };
  const stamp = value[PLUGIN_BRAND];
  const contract =
    typeof stamp === 'object' && stamp && 'contractVersion' in stamp
      ? String(stamp.contractVersion)
      : '';
  // The SDK copy that made it: the host's own when the SDK is a peer, another when bundled.
  if (semver.valid(contract) === null || !isCompatible(`^${contract}`)) {
    return {
      problems: [
        `was made with plugin SDK ${contract || '(unknown)'}, whose contract this host (contract ${CONTRACT_VERSION}) does not implement: ` +
          `build it against SDK ^${CONTRACT_VERSION}, declared as a peer dependency.`,
      ],
    };
  }
  const parsed = pluginShape.safeParse(value);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(plugin)'} ${issue.message}`,
      ),
    };
  }
  const plugin = value as unknown as DataOutputPlugin;
  try {
    const fields = describeConfig(plugin.name, plugin.config);
    const problems = [...fieldProblems(fields), ...templateProblems(plugin, fields)];
    return problems.length > 0 ? { problems } : { plugin };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)] };
  }
}
