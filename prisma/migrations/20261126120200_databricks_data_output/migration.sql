-- CreateTable
CREATE TABLE "databricks_data_outputs" (
    "id" UUID NOT NULL,
    "catalog" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "access_granularity" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "bucket_identifier" TEXT NOT NULL,
    "catalog_path" TEXT NOT NULL,
    "table_path" TEXT NOT NULL,

    CONSTRAINT "databricks_data_outputs_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "databricks_data_outputs" ADD CONSTRAINT "databricks_data_outputs_id_fkey" FOREIGN KEY ("id") REFERENCES "data_output_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
