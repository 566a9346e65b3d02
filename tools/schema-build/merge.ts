import { displayPath } from '../../src/paths.js';
import {
  BASE_MODEL,
  checkFragment,
  FragmentError,
  type FragmentSource,
  type SchemaFile,
  withRelations,
} from './fragment.js';
import { formatSchema, readDatamodel } from './prisma-wasm.js';

const HEADER = `// GENERATED FILE, do not edit. \`npm run schema:build\` writes it from prisma/base.prisma and
// the Prisma fragment of every enabled plugin; edit those and run the build again.
`;

function tableOf(model: { name: string; dbName: string | null }): string {
  return model.dbName ?? model.name;
}

/**
 * Merges the base schema and the plugins' fragments (in the order given) into one formatted
 * schema. Each fragment is checked on its own first, so an error names the fragment at fault.
 */
export function mergeSchema(base: SchemaFile, fragments: readonly FragmentSource[]): string {
  const baseTables = readDatamodel([[displayPath(base.file), base.text]]).models;
  const baseModel = baseTables.find((m) => m.name === BASE_MODEL);
  const baseFields = new Set(baseModel?.fields.map((f) => f.name));
  const tables = new Map<string, string>(
    baseTables.map((m) => [tableOf(m), displayPath(base.file)]),
  );
  for (const fragment of fragments) {
    if (baseFields.has(fragment.relationField)) {
      throw new FragmentError(fragment.file, fragment.pluginName, [
        `its platform key \`${fragment.relationField}\` clashes with field ${BASE_MODEL}.${fragment.relationField}: choose another platform key.`,
      ]);
    }
    const table = tableOf(checkFragment(base, fragment));
    const owner = tables.get(table);
    if (owner) {
      throw new FragmentError(fragment.file, fragment.pluginName, [
        `its table \`${table}\` is already used by ${owner}: give the model another @@map name.`,
      ]);
    }
    tables.set(table, displayPath(fragment.file));
  }
  const parts = fragments.map(
    (f) => `\n// Plugin ${f.pluginName}, from ${displayPath(f.file)}\n${f.text.trim()}\n`,
  );
  const merged = formatSchema(
    `${HEADER}\n${withRelations(base.text, fragments).trim()}\n${parts.join('')}`,
  );
  readDatamodel([['prisma/schema.prisma', merged]]);
  return merged;
}
