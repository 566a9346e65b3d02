import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the built page goes; the service serves it from there (see forms/server/page.ts). */
export const PAGE_OUTPUT = path.join(here, '../dist/forms/page');

/**
 * Bundles the form preview page (React, RJSF and Bootstrap from node_modules) into
 * `dist/forms/page`: one script, one stylesheet and their fonts, no request to another host.
 */
export async function buildFormsPage(outdir = PAGE_OUTPUT): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [path.join(here, 'app/main.tsx')],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    logLevel: 'warning',
    tsconfig: path.join(here, 'app/tsconfig.json'),
  });
  copyFileSync(path.join(here, 'app/index.html'), path.join(outdir, 'index.html'));
}
