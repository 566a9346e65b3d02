-- AlterTable
ALTER TABLE "data_output_configurations" ADD COLUMN     "owner_data_product_id" TEXT,
ADD COLUMN     "owner_namespace" TEXT,
ADD COLUMN     "owner_source_aligned" BOOLEAN;

-- CreateTable
CREATE TABLE "platform_named_settings" (
    "platform" TEXT NOT NULL,
    "environment" TEXT NOT NULL DEFAULT '',
    "values" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "platform_named_settings_pkey" PRIMARY KEY ("platform","environment")
);

-- CreateIndex
CREATE INDEX "data_output_configurations_owner_data_product_id_created_at_idx" ON "data_output_configurations"("owner_data_product_id", "created_at" DESC, "id" DESC);
