import { createLogger } from 'graphql-yoga';
import { formsPage } from '../forms/server/page.js';
import { formsPageEnabled, loadDotEnv, loadEnv } from './env.js';
import { startService } from './service.js';

// Entry point. A start-up failure prints its message, which names the culprit and the fix, and exits 1.
loadDotEnv();
try {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  // The form preview page (forms/) is served beside the API unless FORMS_PAGE turns it off.
  const pages = formsPageEnabled(env)
    ? formsPage(undefined, (message) => logger.warn(message))
    : undefined;
  const service = await startService(env, logger, pages);
  const stop = () => void service.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) console.error(error.stack);
  process.exit(1);
}
