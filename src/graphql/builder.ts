import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { DataOutputStore } from '../store/data-output-store.js';
import type { PlatformSettingsStore } from '../store/platform-settings-store.js';

export interface Context {
  prisma: PrismaClient;
  dataOutputs: DataOutputStore;
  platformSettings: PlatformSettingsStore;
}

export type FormValue = string | number | boolean;

/** A fresh builder per schema: the set of plugins, and so the types, can differ between schemas. */
export function createBuilder() {
  return new SchemaBuilder<{
    PrismaTypes: PrismaTypes;
    Context: Context;
    Scalars: {
      FormValue: { Input: FormValue; Output: FormValue };
      JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
      DateTime: { Input: Date; Output: Date };
    };
    DefaultFieldNullability: false;
  }>({
    plugins: [PrismaPlugin],
    defaultFieldNullability: false,
    prisma: {
      client: (ctx) => ctx.prisma,
      dmmf: getDatamodel(),
      exposeDescriptions: true,
      onUnusedQuery: null,
    },
  });
}

export type Builder = ReturnType<typeof createBuilder>;
