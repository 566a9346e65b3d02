import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export type EngineModule = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

// The engine's panic hook reports through this global; without it a panic surfaces only as
// "RuntimeError: unreachable". Another wasm module of Prisma's may have installed one already.
const PANIC_REGISTRY = 'PRISMA_WASM_PANIC_REGISTRY';
let lastPanic: string | undefined;

/** The message of the engine's last panic, if it reported one. */
export function lastPanicMessage(): string | undefined {
  return lastPanic;
}

function installPanicRegistry(): void {
  if (Reflect.get(globalThis, PANIC_REGISTRY) !== undefined) return;
  Reflect.set(globalThis, PANIC_REGISTRY, {
    set_message: (message: string) => {
      lastPanic = message;
    },
  });
}

// The engine bounds some waits (e.g. for its advisory lock) with `setTimeout` and never clears
// the timer, which keeps Node alive for 10 s after a migration. Clear leftovers once no engine lives.
const engineTimers = new Set<unknown>();
let liveEngines = 0;
function withTrackedTimers(glue: EngineModule): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (!name.startsWith('__wbg_setTimeout_') || typeof value !== 'function') continue;
    imports[name] = (...args: unknown[]): unknown => {
      const timer: unknown = Reflect.apply(value, undefined, args);
      engineTimers.add(timer);
      return timer;
    };
  }
  return imports;
}
/** Counts a started engine; pair with `engineStopped`. */
export function engineStarted(): void {
  liveEngines++;
}

export function engineStopped(): void {
  if (--liveEngines > 0) return;
  for (const timer of engineTimers) Reflect.apply(clearTimeout, undefined, [timer]);
  engineTimers.clear();
}

let modulePromise: Promise<EngineModule> | undefined;

/** Instantiates the wasm engine once per process. The package entry imports `.wasm` directly, which Node can't without flags. */
export function loadSchemaEngineModule(): Promise<EngineModule> {
  modulePromise ??= (async () => {
    installPanicRegistry();
    const glue: EngineModule = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const gluePath = createRequire(import.meta.url).resolve(
      '@prisma/schema-engine-wasm/schema_engine_bg',
    );
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withTrackedTimers(glue),
    });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== 'function')
      throw new Error('schema engine wasm has no __wbindgen_start export');
    start();
    return glue;
  })();
  // A failed load (e.g. missing file) should not poison later attempts.
  modulePromise.catch(() => (modulePromise = undefined));
  return modulePromise;
}
