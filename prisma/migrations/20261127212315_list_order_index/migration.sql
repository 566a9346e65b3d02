-- CreateIndex
CREATE INDEX "data_output_configurations_created_at_id_idx" ON "data_output_configurations"("created_at" DESC, "id" DESC);
