// What the plugin contract promises a plugin's fragment and migrations about the service's own
// tables, as the conformance kit stands them up: the base model a plugin table extends, and the
// tables a plugin migration may rely on. The service's test suite checks that its base schema and
// migration history provide exactly this, so the kit cannot drift from the service.

/** The base a fragment is parsed with: a datasource and the model every plugin table extends. */
export const CONTRACT_BASE_PRISMA = `datasource db {
  provider = "postgresql"
}

model DataOutputConfiguration {
  id     String @id @db.Uuid
  plugin String

  @@map("data_output_configurations")
}
`;

/** The tables plugin migrations run on: the base table and the record of plugin migrations. */
export const CONTRACT_BASE_SQL = `CREATE TABLE "data_output_configurations" (
    "id" UUID NOT NULL,
    "plugin" TEXT NOT NULL,
    CONSTRAINT "data_output_configurations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "plugin_migrations" (
    "migration_name" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    "plugin_version" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "plugin_migrations_pkey" PRIMARY KEY ("migration_name")
);
`;
