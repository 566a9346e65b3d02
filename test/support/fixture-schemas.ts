import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { createEmptyPglite } from '../../tools/migrations/empty-pglite.js';

// Small schemas for the migration-history tests: v1 a table, v2 adds a related table, v3 a column.
export const header = `generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "postgresql"
}
`;
const parent = (extra = '') => `
model Parent {
  id    Int    @id @default(autoincrement())
  name  String${extra}
}
`;
const child = `
model Child {
  id     Int    @id
  parent Parent @relation(fields: [id], references: [id], onDelete: Cascade)
}
`;
export const v1 = header + parent();
export const v2 = header + parent('\n  child Child?') + child;
export const v3 = header + parent('\n  child Child?\n  nickname String?') + child;

export const M1 = '20250101000000_parent';
export const M2 = '20250102000000_child';

/** A temporary folder per test file, and one in-memory PGlite reused as shadow database (it takes seconds to start). */
export function scratch() {
  const dirs: string[] = [];
  let shadow: PGlite | undefined;
  return {
    async dir(): Promise<string> {
      const dir = await mkdtemp(path.join(tmpdir(), 'migration-history-'));
      dirs.push(dir);
      return dir;
    },
    async shadow(): Promise<PGlite> {
      shadow ??= await createEmptyPglite();
      return shadow;
    },
    async cleanup(): Promise<void> {
      await shadow?.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The migration folders in `dir`, sorted. */
export async function folders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
