// The statement a plugin migration ends with: it records which plugin version brought it in the
// table `plugin_migrations` (model PluginMigration of prisma/base.prisma). Being part of the
// migration, the record is made whoever applies it: the service, or `prisma migrate deploy`, which
// knows nothing about plugins.

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** The SQL appended to a plugin migration named `migrationName`, written for `plugin` at `version`. */
export function recordMigrationStatement(
  migrationName: string,
  plugin: { name: string; version: string },
): string {
  const values = [migrationName, plugin.name, plugin.version].map(quote).join(', ');
  return [
    `-- RecordPluginMigration: ${plugin.name} ${plugin.version} brought this migration; the service refuses older versions of the plugin on a database that applied it`,
    `INSERT INTO "plugin_migrations" ("migration_name", "plugin", "plugin_version") VALUES (${values})`,
    `ON CONFLICT ("migration_name") DO UPDATE SET "plugin" = EXCLUDED."plugin", "plugin_version" = EXCLUDED."plugin_version";`,
    '',
  ].join('\n');
}
