import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import PrismaPlugin, { type PothosPrismaDatamodel } from '@pothos/plugin-prisma';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Caller } from '../auth/caller.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { DataOutputStore } from '../store/data-output-store.js';
import type { PlatformSettingsStore } from '../store/platform-settings-store.js';
import { type AuthScopes, authScopesOf, refusal } from './auth-scopes.js';
import { COST_DEFAULTS, costError } from './cost.js';

export interface Context {
  prisma: PrismaClient;
  dataOutputs: DataOutputStore;
  platformSettings: PlatformSettingsStore;
  /** Who sends the request (one context per request); null: anonymous. */
  caller: Caller | null;
}

export type FormValue = string | number | boolean;

/** The Prisma models object types map to: the generated client's, or those of another schema. */
export type { PothosPrismaDatamodel as PrismaDatamodel } from '@pothos/plugin-prisma';

/** A fresh builder per schema: the set of plugins, and so the types, can differ between schemas. */
export function createBuilder(datamodel: PothosPrismaDatamodel = getDatamodel()) {
  return new SchemaBuilder<{
    PrismaTypes: PrismaTypes;
    Context: Context;
    Scalars: {
      FormValue: { Input: FormValue; Output: FormValue };
      JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
      DateTime: { Input: Date; Output: Date };
    };
    DefaultFieldNullability: false;
    AuthScopes: AuthScopes;
  }>({
    // Scope auth first, so no other plugin's wrapper runs for a refused field.
    plugins: [ScopeAuthPlugin, ComplexityPlugin, PrismaPlugin],
    defaultFieldNullability: false,
    scopeAuth: {
      authScopes: (ctx) => authScopesOf(ctx.caller),
      unauthorizedError: (_parent, ctx, info, result) => refusal(ctx.caller, info, result.failure),
    },
    // The limit comes with the settings, in buildSchema.
    complexity: { ...COST_DEFAULTS, complexityError: costError },
    prisma: {
      client: (ctx) => ctx.prisma,
      dmmf: datamodel,
      exposeDescriptions: true,
      onUnusedQuery: null,
    },
  });
}

export type Builder = ReturnType<typeof createBuilder>;
