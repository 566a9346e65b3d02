import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUERY_COMPILER_MODULES } from '../../src/db/prisma-warm-up.js';
import { projectRoot } from '../../src/paths.js';

describe('the query compiler warm-up', () => {
  it('names the modules the generated client imports on its first query', () => {
    const client = readFileSync(
      path.join(projectRoot, 'src/generated/prisma/internal/class.ts'),
      'utf8',
    );
    const imported = [...client.matchAll(/import\("(@prisma\/client\/runtime\/[^"]+)"\)/g)].map(
      (match) => match[1],
    );
    expect(imported.sort()).toEqual([...QUERY_COMPILER_MODULES].sort());
  });

  it('names modules that load', async () => {
    for (const specifier of QUERY_COMPILER_MODULES)
      await expect(import(specifier)).resolves.toBeDefined();
  });
});
