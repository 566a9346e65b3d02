import type { DataOutputPlugin, ParentTile } from '@data-product-portal/plugin-sdk';
import type { PluginView } from '../catalog/plugin-view.js';

/** A tile of the portal's platform picker: a platform, or a parent holding platforms. */
export interface PlatformTile {
  key: string;
  label: string;
  iconName: string;
  /** A platform tile: its plugin; null for a parent tile. */
  plugin: string | null;
  /** Every platform under it has the settings its form needs. */
  configured: boolean;
  hasEnvironments: boolean;
  showInForm: boolean;
  children: PlatformTile[];
}

/**
 * The parent tiles the plugins declare, by key. Plugins naming one parent must declare the same
 * label and icon (or leave it to another): one fact, so a mismatch stops the start-up.
 */
export function parentTilesOf(plugins: readonly DataOutputPlugin[]): Map<string, ParentTile> {
  const declared = new Map<string, { tile: ParentTile; by: string }>();
  for (const plugin of plugins) {
    const tile = plugin.platform.parentTile;
    if (!tile) continue;
    const earlier = declared.get(tile.key);
    if (earlier && (earlier.tile.label !== tile.label || earlier.tile.iconName !== tile.iconName))
      throw new Error(
        `Plugins ${earlier.by} and ${plugin.name} declare parent tile ${tile.key} differently ` +
          `(${earlier.tile.label}, ${earlier.tile.iconName} vs ${tile.label}, ${tile.iconName}): ` +
          'declare it once (e.g. the SDK’s `aws`) and reference that object from both.',
      );
    if (!earlier) declared.set(tile.key, { tile, by: plugin.name });
  }
  return new Map([...declared].map(([key, { tile }]) => [key, tile]));
}

// The portal's own rule for a parent nobody describes: its key in capitals, `<key>-logo.svg`.
function undeclaredParent(key: string): ParentTile {
  return { key, label: key.toUpperCase(), iconName: `${key}-logo.svg` };
}

/** Tiles in plugin order: a parent where its first child would be, top-level platforms alone. */
export function platformTiles(
  views: readonly PluginView[],
  parents: ReadonlyMap<string, ParentTile>,
): PlatformTile[] {
  const tiles: PlatformTile[] = [];
  const parentTiles = new Map<string, PlatformTile>();
  for (const view of views) {
    const tile: PlatformTile = {
      key: view.platform,
      label: view.displayName,
      iconName: view.iconName,
      plugin: view.name,
      configured: !view.notConfigured,
      hasEnvironments: view.hasEnvironments,
      showInForm: view.showInForm,
      children: [],
    };
    if (view.parentPlatform === null) {
      tiles.push(tile);
      continue;
    }
    let parent = parentTiles.get(view.parentPlatform);
    if (!parent) {
      const declared = parents.get(view.parentPlatform) ?? undeclaredParent(view.parentPlatform);
      parent = {
        key: declared.key,
        label: declared.label,
        iconName: declared.iconName,
        plugin: null,
        configured: true,
        hasEnvironments: false,
        showInForm: false,
        children: [],
      };
      parentTiles.set(view.parentPlatform, parent);
      tiles.push(parent);
    }
    parent.children.push(tile);
    parent.configured &&= tile.configured;
    parent.hasEnvironments ||= tile.hasEnvironments;
    parent.showInForm ||= tile.showInForm;
  }
  return tiles;
}
