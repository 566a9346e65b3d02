import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PageHandler } from '../../src/http/server.js';
import { projectRoot } from '../../src/paths.js';

/**
 * The built page (`npm run build` writes it), found from the project root: this file may run from
 * its source, or bundled into the service.
 */
export const BUILT_PAGE = path.join(projectRoot, 'dist/forms/page');

/** The path the page is served at. */
export const FORMS_PATH = '/forms';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

// Everything comes from this service: a browser refuses any other host. Ajv (RJSF's validator)
// compiles each schema it gets from the API into a function, which needs 'unsafe-eval'. Bootstrap's
// CSS draws some icons as data: URLs; RJSF and React set inline styles.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

function fileOf(dir: string, pathname: string): string | null {
  const relative = pathname.slice(FORMS_PATH.length).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(dir, relative);
  if (!file.startsWith(dir + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/**
 * Serves the built form preview page from `dir` at /forms. When it has not been built, `warn`
 * says so with the fix at start-up and /forms answers 503 with the same text: the API itself does
 * not need the page.
 */
export function formsPage(
  dir: string = BUILT_PAGE,
  warn: (message: string) => void = console.warn,
): PageHandler {
  const root = path.resolve(dir);
  const missing = existsSync(path.join(root, 'index.html'))
    ? null
    : `The form preview page is not built (no ${path.join(root, 'index.html')}): run \`npm run build:forms\` (\`npm run build\` and \`npm install\` build it too), or set FORMS_PAGE=off.`;
  if (missing) warn(missing);
  return (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname !== FORMS_PATH && !pathname.startsWith(`${FORMS_PATH}/`)) return false;
    const file = fileOf(root, pathname);
    if (missing) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(missing);
    } else if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    } else {
      response.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      if (request.method === 'HEAD') response.end();
      else createReadStream(file).pipe(response);
    }
    return true;
  };
}
