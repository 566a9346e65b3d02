-- CreateTable
CREATE TABLE "s3_data_outputs" (
    "id" UUID NOT NULL,
    "bucket" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "path" TEXT NOT NULL,

    CONSTRAINT "s3_data_outputs_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "s3_data_outputs" ADD CONSTRAINT "s3_data_outputs_id_fkey" FOREIGN KEY ("id") REFERENCES "data_output_configurations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
