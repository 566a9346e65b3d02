import { createRequire } from 'node:module';
import { z } from 'zod';

// Prisma's own schema parser and formatter (the wasm build the CLI bundles), so fragments are
// checked by the same rules `prisma generate` applies, with no native engine.
interface PrismaSchemaWasm {
  get_dmmf(params: string): string;
  format(schema: string, params: string): string;
}
const wasm = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as PrismaSchemaWasm;

// Loose: the keys not named here (relationName, isUpdatedAt…) stay, for readers such as Pothos.
const dmmfField = z.looseObject({
  name: z.string(),
  kind: z.enum(['scalar', 'object', 'enum', 'unsupported']),
  type: z.string(),
  isId: z.boolean(),
  isList: z.boolean(),
  isRequired: z.boolean(),
  dbName: z.string().nullish(),
  nativeType: z.tuple([z.string(), z.array(z.string())]).nullish(),
  relationFromFields: z.array(z.string()).optional(),
  relationToFields: z.array(z.string()).optional(),
  relationOnDelete: z.string().optional(),
  hasDefaultValue: z.boolean(),
  isUnique: z.boolean(),
  /** A literal (`"STANDARD"`, `3`, `false`) or a function such as `{ name: 'now', args: [] }`. */
  default: z.unknown().optional(),
});
const dmmfModel = z.looseObject({
  name: z.string(),
  dbName: z.string().nullable(),
  fields: z.array(dmmfField),
  primaryKey: z.object({ name: z.string().nullable(), fields: z.array(z.string()) }).nullable(),
  uniqueIndexes: z.array(z.object({ name: z.string().nullable(), fields: z.array(z.string()) })),
});
const dmmf = z.object({
  datamodel: z.looseObject({
    models: z.array(dmmfModel),
    enums: z.array(z.object({ name: z.string() })),
  }),
});

export type DmmfModel = z.infer<typeof dmmfModel>;
export type DmmfField = z.infer<typeof dmmfField>;
export type Datamodel = z.infer<typeof dmmf>['datamodel'];

/** A schema Prisma rejects; `message` is Prisma's own report with file names and lines. */
export class PrismaSchemaError extends Error {}

function prismaMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed: unknown = JSON.parse(raw);
    if (
      parsed &&
      typeof parsed === 'object' &&
      'message' in parsed &&
      typeof parsed.message === 'string'
    ) {
      return parsed.message;
    }
  } catch {
    // not JSON: keep the raw text
  }
  return raw;
}

/** Parses and validates schema files together, as Prisma does for a multi-file schema. */
export function readDatamodel(files: Array<[path: string, text: string]>): Datamodel {
  let raw: string;
  try {
    raw = wasm.get_dmmf(JSON.stringify({ prismaSchema: files, noColor: true }));
  } catch (error) {
    throw new PrismaSchemaError(prismaMessage(error));
  }
  return dmmf.parse(JSON.parse(raw)).datamodel;
}

/** Formats a schema the way `prisma format` does. */
export function formatSchema(text: string): string {
  const params = JSON.stringify({
    textDocument: { uri: 'file:/schema.prisma' },
    options: { tabSize: 2, insertSpaces: true },
  });
  const formatted = z
    .array(z.tuple([z.string(), z.string()]))
    .parse(JSON.parse(wasm.format(JSON.stringify([['schema.prisma', text]]), params)));
  return formatted[0]?.[1] ?? text;
}
