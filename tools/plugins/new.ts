import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTRACT_VERSION, pluginMetadataSchema } from '@data-product-portal/plugin-sdk/internal';
import { displayPath, paths, projectRoot } from '../../src/paths.js';
import { loadInternalPlugins, loadPluginModule } from '../../src/registry/load-module.js';
import { CommandFailure, loadToolRegistry } from '../command.js';
import { snakeCase } from '../migrations/plugin-history.js';
import { writePluginMigration } from '../migrations/plugin-migration.js';
import { checkPluginFragment, readBaseSchema } from '../schema-build/check-fragments.js';
import { formatSchema } from '../schema-build/prisma-wasm.js';
import {
  definitionSource,
  fragmentSource,
  packageJson,
  readme,
  type ScaffoldSpec,
  TSCONFIG,
  TSCONFIG_BUILD,
  testSource,
} from './scaffold-files.js';

const USAGE = 'Usage: npm run plugin:new -- <PluginName> --platform <key> [--package <npm-name>]';
const NPM_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

/** `myPlatform` → `My Platform`. */
function displayNameOf(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
}

function parse(args: readonly string[]): { name: string; key: string; packageName?: string } {
  const key = option(args, '--platform');
  const packageName = option(args, '--package');
  const options = ['--platform', '--package'];
  // What follows an option is its value, even when it reads like the name.
  const positional = args.filter(
    (arg, i) => !arg.startsWith('--') && !options.includes(args[i - 1] ?? ''),
  );
  const unknown = args.filter((arg) => arg.startsWith('--') && !options.includes(arg));
  const [name] = positional;
  if (name === undefined || key === undefined || positional.length !== 1 || unknown.length > 0)
    throw new CommandFailure(USAGE);
  const problems = [
    ...(pluginMetadataSchema.shape.name.safeParse(name).error?.issues ?? []).map(
      (i) => `<PluginName> ${name} ${i.message}`,
    ),
    ...(pluginMetadataSchema.shape.platform.shape.key.safeParse(key).error?.issues ?? []).map(
      (i) => `--platform ${key} ${i.message}`,
    ),
    ...(packageName !== undefined && !NPM_NAME.test(packageName)
      ? [`--package ${packageName} must be an npm package name, e.g. @acme/portal-plugin-${key}`]
      : []),
  ];
  if (problems.length > 0) throw new CommandFailure(`${problems.join('\n')}\n${USAGE}`);
  return packageName === undefined ? { name, key } : { name, key, packageName };
}

/** Refuses a name or platform key an internal or enabled plugin already has. */
async function refuseTaken(name: string, key: string): Promise<void> {
  const loaded = [
    ...(await loadInternalPlugins(paths.internalPlugins)),
    ...(await loadToolRegistry()).list(),
  ];
  const taken = loaded.find((l) => l.plugin.name === name || l.plugin.platform.key === key);
  if (taken) {
    throw new CommandFailure(
      `Plugin ${taken.plugin.name} (platform key ${taken.plugin.platform.key}, ${taken.source}) has this name or platform key: choose others.`,
    );
  }
}

function devVersions(): Record<string, string> {
  const host = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const sdk = JSON.parse(readFileSync(path.join(projectRoot, 'sdk/package.json'), 'utf8')) as {
    peerDependencies: Record<string, string>;
  };
  return {
    ...host.dependencies,
    ...host.devDependencies,
    'zod-peer': sdk.peerDependencies.zod ?? '*',
  };
}

function write(folder: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    const at = path.join(folder, file);
    mkdirSync(path.dirname(at), { recursive: true });
    writeFileSync(at, text);
  }
}

// Biome formats what was written as `npm run format` would, so the new folder passes the lint.
function format(folder: string): void {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  spawnSync(process.execPath, [biome, 'check', '--write', folder], {
    cwd: projectRoot,
    stdio: 'ignore',
  });
}

/**
 * `npm run plugin:new -- <Name> --platform <key> [--package <npm-name>]`: a new plugin in
 * `plugins/<key>/`, an internal plugin folder or (with `--package`) a plugin package with its own
 * build: the definition, the Prisma fragment, its first migration written by Prisma's engine, a
 * README and a test with the conformance kit. It works as written: build and serve it, then change it.
 */
export async function pluginNew(args: readonly string[]): Promise<undefined> {
  const { name, key, packageName } = parse(args);
  const folder = path.join(projectRoot, 'plugins', key);
  if (existsSync(folder))
    throw new CommandFailure(`${displayPath(folder)} exists already: choose another platform key.`);
  await refuseTaken(name, key);
  const spec: ScaffoldSpec = {
    name,
    key,
    displayName: displayNameOf(key),
    table: `${snakeCase(name)}s`,
    contractVersion: CONTRACT_VERSION,
    devVersions: devVersions(),
    ...(packageName === undefined ? {} : { packageName }),
  };
  const fragment = formatSchema(fragmentSource(spec));
  const entry = packageName === undefined ? 'index.ts' : 'src/index.ts';
  const test = `test/${key}-plugin.test.ts`;
  write(folder, {
    [entry]: definitionSource(spec, packageName === undefined ? './' : '../'),
    'model.prisma': fragment,
    [test]: testSource(spec, packageName === undefined ? '../index.js' : '../src/index.js'),
    'README.md': readme(spec, displayPath(folder)),
    ...(packageName === undefined
      ? {}
      : {
          'package.json': packageJson({ ...spec, packageName }),
          'tsconfig.json': TSCONFIG,
          'tsconfig.build.json': TSCONFIG_BUILD,
        }),
  });
  try {
    format(folder);
    const source = `new plugin (${displayPath(folder)})`;
    const plugin = await loadPluginModule(source, pathToFileURL(path.join(folder, entry)).href);
    checkPluginFragment({ plugin, source }, readBaseSchema());
    const { file } = await writePluginMigration(plugin, undefined);
    console.log(
      `Wrote ${displayPath(folder)}/: ${entry}, model.prisma, ${displayPath(file ?? '').replace(`${displayPath(folder)}/`, '')}, README.md, ${test}.`,
    );
  } catch (error) {
    // Half a plugin would only stop the next start-up.
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const steps =
    packageName === undefined
      ? ['npm run schema:build', 'npm test', 'npm start']
      : [`npm install ./plugins/${key}`, 'npm run schema:build', 'npm test', 'npm start'];
  console.log(
    `Next: ${steps.join(', then ')}. Its form: \`{ pluginForm(name: "${name}") { elements { name type } } }\`.` +
      (packageName === undefined && process.env.ENABLED_PLUGINS
        ? ` ENABLED_PLUGINS is set: add ${name} to it.`
        : ''),
  );
}
