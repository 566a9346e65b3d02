import type { DriftReport, ExtraObject } from './drift.js';

/** What is known about plugin migrations, to explain objects the history has and the schema lacks. */
export interface PluginMigrationNames {
  /** Folder names of the enabled plugins' migrations. */
  enabled: ReadonlySet<string>;
  /** Folder name → plugin name, for every plugin that can be told (the internal ones, enabled or not). */
  known: ReadonlyMap<string, string>;
}

export interface DriftMessageContext {
  /** How the migrations folder and the schema are named in the message. */
  migrationsDir: string;
  schemaFile: string;
  plugins: PluginMigrationNames;
  /** Generated files the schema build would change; the drift may only be that. */
  staleFiles: readonly string[];
}

function describeObject(object: ExtraObject, plugins: PluginMigrationNames): string {
  const what = object.kind === 'table' ? `table ${object.name}` : `type ${object.name}`;
  if (object.createdBy === undefined) return what;
  const plugin = plugins.known.get(object.createdBy);
  const whose =
    plugin === undefined ? '' : `, the migration of plugin ${plugin}, which is not enabled`;
  return `${what} (created by ${object.createdBy}${whose})`;
}

/** The report of `npm run migration:check` on drift: the SQL, the fix, and the likely causes. */
export function driftMessage(report: DriftReport, context: DriftMessageContext): string {
  const { migrationsDir, schemaFile, plugins } = context;
  const lines = [
    `Migration drift: the ${report.migrationNames.length} migration(s) in ${migrationsDir} do not produce ${schemaFile}.`,
    `Applied to a database they build, this SQL (Prisma's) would make it match ${schemaFile}:`,
    '',
    report.script.trim(),
    '',
    'Fix: `npm run migration:create -- <name>` writes this as the next migration; review it and commit it.',
  ];
  // Objects an enabled plugin's own migration creates are that plugin's drift, not a leftover.
  const leftovers = report.extraObjects.filter(
    (object) => object.createdBy === undefined || !plugins.enabled.has(object.createdBy),
  );
  if (leftovers.length > 0) {
    lines.push(
      '',
      `The history creates what ${schemaFile} lacks: ${leftovers.map((object) => describeObject(object, plugins)).join('; ')}.`,
      'These may come from copies of migrations of plugins that are not enabled: `npm run schema:build` never deletes ' +
        `those copies from ${migrationsDir}, because their tables hold data. If so, enable the plugins again ` +
        '(reinstall an uninstalled plugin package, or list an internal plugin in ENABLED_PLUGINS; then `npm run schema:build`); ' +
        'create the migration above only to drop those tables and their data.',
    );
  }
  if (context.staleFiles.length > 0) {
    lines.push(
      '',
      `Stale generated files, run \`npm run schema:build\` first and check again:\n- ${context.staleFiles.join('\n- ')}`,
    );
  }
  return lines.join('\n');
}
