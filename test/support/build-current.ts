import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// Tests that run the compiled service (`npm start`'s entry) must run the source as it is now:
// `npm test` builds first, but a single file run with vitest after an edit would not.

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

// What the bundle is made of: the service and the form page's server part it imports.
const BUNDLED = ['src', 'forms/server'];

/** Throws, naming the fix, when `cwd`'s compiled service is missing or older than its sources. */
export function assertBuildCurrent(cwd: string, builtFile = 'dist/src/start.js'): void {
  const built = path.join(cwd, builtFile);
  if (!existsSync(built))
    throw new Error(`${built} does not exist: run \`npm run build\` (\`npm test\` does) first.`);
  const newest = BUNDLED.map((dir) => newestSource(path.join(cwd, dir))).reduce((a, b) =>
    b.mtimeMs > a.mtimeMs ? b : a,
  );
  if (newest.mtimeMs > statSync(built).mtimeMs)
    throw new Error(
      `${built} is older than ${path.relative(cwd, newest.file)}: run \`npm run build\` (\`npm test\` does) first.`,
    );
}
