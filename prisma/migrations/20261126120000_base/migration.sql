-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "data_output_configurations" (
    "id" UUID NOT NULL,
    "plugin" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "data_output_configurations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_output_configurations_plugin_idx" ON "data_output_configurations"("plugin");
