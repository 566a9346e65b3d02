-- AlterTable
ALTER TABLE "s3_data_outputs" ADD COLUMN     "storage_class" TEXT NOT NULL DEFAULT 'STANDARD';

-- RecordPluginMigration: S3DataOutput 1.1.0 brought this migration; the service refuses older versions of the plugin on a database that applied it
INSERT INTO "plugin_migrations" ("migration_name", "plugin", "plugin_version") VALUES ('20261127145943_s3_add_storage_class', 'S3DataOutput', '1.1.0')
ON CONFLICT ("migration_name") DO UPDATE SET "plugin" = EXCLUDED."plugin", "plugin_version" = EXCLUDED."plugin_version";
