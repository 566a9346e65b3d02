/** How to start without a broken plugin package. */
export function exclusionHint(packageName: string): string {
  return `To start without it, uninstall it (\`npm uninstall ${packageName}\`) or add it to EXCLUDED_PLUGIN_PACKAGES.`;
}

/** A plugin that cannot be loaded; stops start-up. The message names the culprit and the fix. */
export class PluginLoadError extends Error {
  constructor(
    /** The ENABLED_PLUGINS entry, module or folder at fault. */
    readonly culprit: string,
    readonly reason: string,
  ) {
    super(`Plugin ${culprit}: ${reason}`);
    this.name = 'PluginLoadError';
  }
}

/** Every plugin that could not be loaded, reported together so one start-up shows them all. */
export class PluginLoadFailures extends Error {
  constructor(readonly failures: readonly PluginLoadError[]) {
    super(
      failures.length === 1
        ? (failures[0]?.message ?? '')
        : `${failures.length} plugins cannot be loaded:\n\n${failures.map((f) => f.message).join('\n\n')}`,
    );
    this.name = 'PluginLoadFailures';
  }
}
