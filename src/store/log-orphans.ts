import type { DataOutputStore } from './data-output-store.js';

/** Base rows left without their plugin row by changes outside the service: named once, at start-up. */
export async function logOrphans(
  store: DataOutputStore,
  views: ReadonlyArray<{ name: string }>,
  logger: { warn(message: string): void },
): Promise<void> {
  const { count, ids } = await store.orphans(views.map((view) => view.name));
  if (count === 0) return;
  const more = count > ids.length ? ', ...' : '';
  logger.warn(
    `${count} data output configuration(s) have no row in their plugin's table (changed outside the service): ` +
      `lists and reads skip them, deleteDataOutputConfiguration removes them. Ids: ${ids.join(', ')}${more}`,
  );
}
