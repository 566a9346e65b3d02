import type { Service } from '../../src/service.js';
import { createScratchDatabase } from './postgres.js';
import { startTestService } from './service.js';

export interface Backend {
  name: string;
  /** Starts the service on a fresh database; `stop` closes it and drops the database. */
  start(env?: Record<string, string>): Promise<{ service: Service; stop: () => Promise<void> }>;
}

/** The two databases the service runs on: the embedded default and a real PostgreSQL server. */
export const BACKENDS: Backend[] = [
  {
    name: 'embedded PGlite',
    start: async (env = {}) => {
      const service = await startTestService(env);
      return { service, stop: () => service.close() };
    },
  },
  {
    name: 'PostgreSQL',
    start: async (env = {}) => {
      const db = await createScratchDatabase('portal_test');
      try {
        const service = await startTestService({ ...env, DATABASE_URL: db.url });
        return {
          service,
          stop: async () => {
            await service.close();
            await db.drop();
          },
        };
      } catch (error) {
        await db.drop();
        throw error;
      }
    },
  },
];
