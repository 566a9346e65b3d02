// The files `npm run plugin:new` writes: a working plugin with two fields (a select of the
// platform's configured locations, and a path) for its author to change, in an internal plugin
// folder or in a plugin package.

export interface ScaffoldSpec {
  /** The plugin's name, e.g. `KafkaDataOutput`. */
  name: string;
  /** Its platform key, e.g. `kafka`. */
  key: string;
  /** Shown in the portal, from the key: `Kafka`. */
  displayName: string;
  /** Its table, e.g. `kafka_data_outputs`. */
  table: string;
  /** The npm package name, for a plugin package. */
  packageName?: string;
  /** The plugin contract it is built for: the SDK's version. */
  contractVersion: string;
  /** The service's versions of what the package's own tests need. */
  devVersions: Readonly<Record<string, string>>;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function definitionSource(spec: ScaffoldSpec, filesAt: './' | '../'): string {
  return `import { definePlugin, formField } from '@data-product-portal/plugin-sdk';
import { z } from 'zod';

// The configuration: its keys are the GraphQL input fields and the form elements, in form order.
// After changing it, change model.prisma to match and run
// \`npm run migration:create -- --plugin ${spec.name} <change>\` (raise \`version\` first).
const config = z.object({
  location: formField(z.string().min(1), {
    label: 'Location',
    description: 'The ${spec.displayName} location to give write access to.',
    widget: 'select',
    // The options: the platform setting \`locations\`, which an operator sets with configurePlatform.
    optionsFrom: 'locations',
  }),
  path: formField(z.string().min(1), {
    label: 'Path',
    tooltip: 'The name of the path to give write access to',
  }),
});

export default definePlugin({
  name: '${spec.name}',
  version: '1.0.0',
  description: 'Write access to a path in ${spec.displayName}.',
  platform: {
    key: '${spec.key}',
    displayName: '${spec.displayName}',
    iconName: '${spec.key}-logo.svg',
    detailedName: 'Path',
    resultLabel: 'Resulting path',
    resultTooltip: 'The path you can access through this technical asset',
  },
  config,
  prismaFragment: new URL('${filesAt}model.prisma', import.meta.url),
  migrations: new URL('${filesAt}migrations/', import.meta.url),
});
`;
}

export function fragmentSource(spec: ScaffoldSpec): string {
  return `/// A ${spec.displayName} data output configuration; extends DataOutputConfiguration (same id).
model ${spec.name} {
  id String @id @db.Uuid
  base DataOutputConfiguration @relation(fields: [id], references: [id], onDelete: Cascade)
  location String
  path String

  @@map("${spec.table}")
}
`;
}

export function testSource(spec: ScaffoldSpec, entry: string): string {
  return `import { assertConformance } from '@data-product-portal/plugin-sdk/testing';
import { describe, it } from 'vitest';
import plugin from '${entry}';

// The conformance kit checks the plugin as the service will. Give an example of every rule of the
// configuration: inputs it accepts (and what it stores), inputs it refuses (and why).
describe('${spec.name}', () => {
  it('conforms to the plugin contract', async () => {
    await assertConformance(plugin, {
      accepts: [
        {
          input: { location: 'main', path: 'sales/orders' },
          stores: { location: 'main', path: 'sales/orders' },
        },
      ],
      refuses: [
        {
          input: { location: 'main', path: '' },
          issues: [{ path: ['path'], message: 'Must not be empty' }],
        },
        {
          input: { location: 'elsewhere', path: 'sales/orders' },
          settings: { locations: ['main'] },
          issues: [
            { path: ['location'], message: '"elsewhere" is not one of the configured locations: main' },
          ],
        },
      ],
    });
  });
});
`;
}

export function readme(spec: ScaffoldSpec, folder: string): string {
  const title = spec.packageName ?? `${spec.name} (internal plugin)`;
  const install = spec.packageName
    ? `From the service's folder: \`npm install ./${folder}\` (links it and builds \`dist/\`), then
\`npm run schema:build\` and \`npm start\`. Published, it installs with \`npm install ${spec.packageName}\`.`
    : `It is an internal plugin: the service loads it with the others (or when \`ENABLED_PLUGINS\` names
it). Run \`npm run schema:build\` after changing it, then \`npm start\`.`;
  return `# ${title}

${spec.displayName} data outputs for the Data Product Portal plugin service: the plugin
\`${spec.name}\`, platform key \`${spec.key}\`, table \`${spec.table}\`.

## Use it

${install}

An operator lists the locations the form offers:
\`configurePlatform(input: { ${spec.key}: { locations: ["main"] } })\`; then
\`createDataOutputConfiguration(input: { ${spec.key}: { location: "main", path: "sales/orders" } })\`
stores a configuration.

## Change it

1. Change the configuration (${spec.packageName ? '`src/index.ts`' : '`index.ts`'}) and \`model.prisma\` together: one
   column per field, of a type that stores its values (\`@default\` only as the field's default).
2. Raise \`version\`${spec.packageName ? ' (here and in `package.json`)' : ''}.
3. \`npm run migration:create -- --plugin ${spec.name} <change>\` writes the next migration into
   \`migrations/\` with Prisma's engine. Never edit a released migration.
4. \`npm run schema:build\`, then the tests.

## Test

\`npx vitest run ${folder}\` in the service (its \`npm test\` runs these tests too): the conformance
kit, \`@data-product-portal/plugin-sdk/testing\`, checks the plugin as the service will, with the
examples in \`test/\`. See the plugin author guide, \`docs/plugin-author-guide.md\`.
`;
}

export function packageJson(spec: ScaffoldSpec & { packageName: string }): string {
  const dev = (name: string) => spec.devVersions[name] ?? '*';
  return json({
    name: spec.packageName,
    version: '1.0.0',
    description: `${spec.displayName} data outputs for the Data Product Portal plugin service.`,
    type: 'module',
    exports: {
      './plugin': { types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    dataProductPortal: { plugin: './plugin' },
    files: ['dist', 'src', 'model.prisma', 'migrations', 'README.md'],
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      prepare: 'npm run build',
      typecheck: 'tsc -p .',
      test: 'vitest run',
    },
    peerDependencies: {
      '@data-product-portal/plugin-sdk': `^${spec.contractVersion}`,
      zod: dev('zod-peer'),
    },
    devDependencies: {
      '@data-product-portal/plugin-sdk': 'file:../../sdk',
      '@electric-sql/pglite': dev('@electric-sql/pglite'),
      '@prisma/prisma-schema-wasm': dev('@prisma/prisma-schema-wasm'),
      '@types/node': dev('@types/node'),
      typescript: dev('typescript'),
      vitest: dev('vitest'),
      zod: dev('zod'),
    },
    engines: { node: '>=20.19' },
  });
}

export const TSCONFIG = json({
  compilerOptions: {
    target: 'ES2023',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    isolatedModules: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['src', 'test'],
});

export const TSCONFIG_BUILD = json({
  extends: './tsconfig.json',
  compilerOptions: {
    noEmit: false,
    rootDir: 'src',
    outDir: 'dist',
    declaration: true,
    sourceMap: true,
  },
  include: ['src'],
});
