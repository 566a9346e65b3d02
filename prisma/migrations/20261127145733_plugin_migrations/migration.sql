-- CreateTable
CREATE TABLE "plugin_migrations" (
    "migration_name" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    "plugin_version" TEXT NOT NULL,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plugin_migrations_pkey" PRIMARY KEY ("migration_name")
);

-- CreateIndex
CREATE INDEX "plugin_migrations_plugin_idx" ON "plugin_migrations"("plugin");
