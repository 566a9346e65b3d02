import { formsPage } from '../forms/server/page.js';
import { type Env, formsPageEnabled, loadDotEnv, loadEnv } from './env.js';
import { createLogger } from './http/logger.js';
import { startService } from './service.js';

// The service as a process (loaded by main.ts). A start-up failure logs its message, which names
// the culprit and the fix, and exits 1. SIGTERM/SIGINT stop gracefully (see Service.close) and
// exit 0; a second signal exits at once.
loadDotEnv();
let env: Env;
try {
  env = loadEnv();
} catch (error) {
  // No logger yet: its format is one of the settings.
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const logger = await createLogger(env);
try {
  // The form preview page (forms/) is served beside the API unless FORMS_PAGE turns it off.
  const pages = formsPageEnabled(env)
    ? formsPage(undefined, (message) => logger.warn(message))
    : undefined;
  const service = await startService(env, logger, pages);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received`);
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  logger.fatal(
    { ...(env.LOG_LEVEL === 'debug' ? { err: error } : {}) },
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
