import { z } from 'zod';

// The rules a plugin's name, version, description and platform metadata follow. The service
// checks them when it loads a plugin, and the conformance kit when a plugin's tests run.

const text = z.string().trim().min(1);

// Semantic Versioning 2.0.0: MAJOR.MINOR.PATCH, an optional prerelease and build metadata.
const NUMBER = '(0|[1-9]\\d*)';
const IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const SEMVER = new RegExp(
  `^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${IDENTIFIERS})?(?:\\+${IDENTIFIERS})?$`,
);

/**
 * The plugin metadata rules as a Zod schema; its issues are the problems to report.
 *
 * @internal
 */
export const pluginMetadataSchema = z.object({
  name: z
    .string()
    .regex(
      /^[A-Z][A-Za-z0-9]*$/,
      'must be PascalCase letters and digits (it names a GraphQL type and a Prisma model)',
    ),
  version: z.string().regex(SEMVER, 'must be a semver version such as 1.0.0'),
  description: text,
  platform: z
    .object({
      key: z
        .string()
        .regex(
          /^[a-z][a-zA-Z0-9]*$/,
          'must be camelCase letters and digits (it names a GraphQL input field)',
        ),
      displayName: text,
      iconName: text,
      parentPlatform: text.optional(),
      parentTile: z
        .object({
          key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'must be camelCase letters and digits'),
          label: text,
          iconName: text,
        })
        .optional(),
      detailedName: text,
      resultLabel: text,
      resultTooltip: text,
      hasEnvironments: z.boolean().optional(),
      showInForm: z.boolean().optional(),
    })
    .refine(
      (platform) =>
        platform.parentTile === undefined || platform.parentPlatform === platform.parentTile.key,
      { message: 'parentPlatform must be the key of parentTile', path: ['parentPlatform'] },
    ),
});

/**
 * What a plugin must declare about its migrations: exactly one of `migrations` and `migration`.
 *
 * @internal
 */
export function migrationDeclarationProblem(plugin: {
  migrations?: unknown;
  migration?: unknown;
}): string | undefined {
  if (plugin.migrations === undefined && plugin.migration === undefined)
    return "declares no migrations: add `migrations: new URL('./migrations/', import.meta.url)`, the folder of its migrations.";
  if (plugin.migrations !== undefined && plugin.migration !== undefined)
    return 'declares both `migrations` and `migration`: keep `migrations`, the folder that holds its migration folders.';
  return undefined;
}
