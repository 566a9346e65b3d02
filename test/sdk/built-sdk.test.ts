import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';

// The SDK as a plugin package meets it: compiled JavaScript with type declarations, loaded by
// plain Node with no TypeScript loader.
const PLUGIN_IN_JAVASCRIPT = `
import { definePlugin, formField } from '@data-product-portal/plugin-sdk';
import { CONTRACT_VERSION, PLUGIN_BRAND } from '@data-product-portal/plugin-sdk/internal';
import { z } from 'zod';
const plugin = definePlugin({
  name: 'PlainDataOutput', version: '1.0.0', description: 'Plain JavaScript.',
  platform: { key: 'plain', displayName: 'Plain', iconName: 'plain.svg', detailedName: 'Thing',
    resultLabel: 'Resulting thing', resultTooltip: 'The thing' },
  config: z.object({ thing: formField(z.string().min(1), { label: 'Thing', tooltip: 'A thing' }) }),
  prismaFragment: '/plain/model.prisma', migration: '/plain/migrations/1_plain',
});
console.log(JSON.stringify({ stamp: plugin[PLUGIN_BRAND], contract: CONTRACT_VERSION, frozen: Object.isFrozen(plugin) }));
`;

describe('the built plugin SDK', () => {
  it('serves a plugin written in JavaScript, under plain Node', () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', PLUGIN_IN_JAVASCRIPT],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    const { version } = JSON.parse(
      execFileSync(process.execPath, ['-p', 'JSON.stringify(require("./sdk/package.json"))'], {
        cwd: projectRoot,
        encoding: 'utf8',
      }),
    ) as { version: string };
    expect(JSON.parse(out)).toEqual({
      stamp: { contractVersion: version },
      contract: version,
      frozen: true,
    });
  });

  it('has every file its exports name, declarations included', async () => {
    const manifest = (await import('../../sdk/package.json', { with: { type: 'json' } })).default;
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    expect(targets).toContain('./dist/index.d.ts');
    const missing = targets.filter((file) => !existsSync(path.join(projectRoot, 'sdk', file)));
    expect(missing).toEqual([]);
  });
});
