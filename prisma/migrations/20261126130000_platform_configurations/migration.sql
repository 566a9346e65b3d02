-- CreateTable
CREATE TABLE "platform_configurations" (
    "platform" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "platform_configurations_pkey" PRIMARY KEY ("platform")
);
