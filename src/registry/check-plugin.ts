import { existsSync, statSync } from 'node:fs';
import { type DataOutputPlugin, FORM_WIDGETS } from '@data-product-portal/plugin-sdk';
import { CONTRACT_VERSION, PLUGIN_BRAND } from '@data-product-portal/plugin-sdk/internal';
import semver from 'semver';
import { z } from 'zod';
import { type ConfigField, describeConfig } from '../config-schema/describe.js';
import { isCompatible } from './contract.js';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const text = z.string().trim().min(1);

const pluginShape = z.object({
  name: z
    .string()
    .regex(
      /^[A-Z][A-Za-z0-9]*$/,
      'must be PascalCase letters and digits (it names a GraphQL type and a Prisma model)',
    ),
  version: z
    .string()
    .refine((v) => semver.valid(v) !== null, 'must be a semver version such as 1.0.0'),
  description: text,
  platform: z.object({
    key: z
      .string()
      .regex(
        /^[a-z][a-zA-Z0-9]*$/,
        'must be camelCase letters and digits (it names a GraphQL input field)',
      ),
    displayName: text,
    iconName: text,
    parentPlatform: text.optional(),
    detailedName: text,
    resultLabel: text,
    resultTooltip: text,
    hasEnvironments: z.boolean().optional(),
    showInForm: z.boolean().optional(),
  }),
  config: z.custom<DataOutputPlugin['config']>(
    (value) =>
      value instanceof z.ZodObject ||
      (value instanceof z.ZodPipe && value.in instanceof z.ZodObject),
    'must be a Zod object schema, optionally piped into .transform()',
  ),
  prismaFragment: z
    .string()
    .refine((file) => existsSync(file) && statSync(file).isFile(), 'file not found'),
  migration: z.string().min(1),
  check: z
    .custom<DataOutputPlugin['check']>(
      (value) => typeof value === 'function',
      'must be a function (value, context) => issues',
    )
    .optional(),
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
  const names = new Set(fields.map((f) => f.name));
  const problems: string[] = [];
  for (const field of fields) {
    const at = `config field \`${field.name}\``;
    if (!field.description)
      problems.push(`${at} has no description: give it a tooltip or description.`);
    if (typeof field.type === 'object') {
      const bad = field.type.values.filter((v) => !GRAPHQL_NAME.test(v));
      if (bad.length > 0)
        problems.push(`${at}: enum values ${bad.join(', ')} are not valid GraphQL names.`);
    }
    const form = field.form;
    if (!form) continue;
    if (form.widget && !FORM_WIDGETS.includes(form.widget))
      problems.push(`${at}: unknown widget \`${form.widget}\`.`);
    for (const dep of form.dependsOn ?? []) {
      if (!names.has(dep.field))
        problems.push(`${at} depends on \`${dep.field}\`, which is not a config field.`);
    }
  }
  return problems;
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
    const problems = fieldProblems(describeConfig(plugin.name, plugin.config));
    return problems.length > 0 ? { problems } : { plugin };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : String(error)] };
  }
}
