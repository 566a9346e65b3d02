import module from 'node:module';
import { setFlagsFromString } from 'node:v8';

// The entry point: two process-wide settings that must come before the service's modules load,
// then the service (`start.ts`). Both only shorten start-up; `npm run bench:startup` times it.
//
// WebAssembly (PGlite's PostgreSQL, Prisma's query compiler) compiles on this thread instead of in
// the background: on 2 cores the background compile kept start-up waiting about 0.4 s longer.
// It changes nothing once the modules are compiled.
setFlagsFromString('--no-wasm-async-compilation');
// Node.js 22.1 and later keep the compiled code of every module on disk (in the system's
// temporary folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), so later
// starts skip compiling it. Node.js 20 has no such cache; a folder that cannot be written only
// means no cache.
// (@types/node follows Node.js 20, hence the type.)
(module as typeof module & { enableCompileCache?: () => unknown }).enableCompileCache?.();
await import('./start.js');
