/**
 * The modules the generated Prisma client imports on its first query: the query compiler and its
 * WebAssembly (a 4.6 MB module of base64). `test/db/prisma-warm-up.test.ts` checks that the
 * generated client still names them.
 */
export const QUERY_COMPILER_MODULES = [
  '@prisma/client/runtime/query_compiler_fast_bg.postgresql.mjs',
  '@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs',
];

/**
 * Starts loading the query compiler's modules, so that they load while the database opens instead
 * of after it: once PGlite has started, the same import took about 0.3 s longer (a script timing
 * the import before and after `PGlite.create`; README, "Start-up"). Node keeps one copy of a
 * module, so the client's own import then finds them loaded. A failure here is left to that import
 * to report.
 */
export function warmUpQueryCompiler(): void {
  for (const specifier of QUERY_COMPILER_MODULES) import(specifier).catch(() => {});
}
