-- CreateTable
CREATE TABLE "snowflake_data_outputs" (
    "id" UUID NOT NULL,
    "database" TEXT NOT NULL,
    "schema" TEXT NOT NULL,
    "access_granularity" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "bucket_identifier" TEXT NOT NULL,
    "database_path" TEXT NOT NULL,
    "table_path" TEXT NOT NULL,

    CONSTRAINT "snowflake_data_outputs_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "snowflake_data_outputs" ADD CONSTRAINT "snowflake_data_outputs_id_fkey" FOREIGN KEY ("id") REFERENCES "data_output_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
