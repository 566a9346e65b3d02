import type { PluginTile } from './api.js';

interface Group {
  parent: string | null;
  plugins: PluginTile[];
}

/** Plugins with a parent platform share its tile (AWS: S3, Glue, Redshift); others stand alone. */
function groups(plugins: readonly PluginTile[]): Group[] {
  const result: Group[] = [];
  for (const plugin of plugins) {
    const group = plugin.parentPlatform
      ? result.find((g) => g.parent === plugin.parentPlatform)
      : undefined;
    if (group) group.plugins.push(plugin);
    else result.push({ parent: plugin.parentPlatform, plugins: [plugin] });
  }
  return result;
}

export function Tiles(props: {
  plugins: readonly PluginTile[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const tile = (plugin: PluginTile) => (
    <button
      key={plugin.name}
      type="button"
      className={`btn tile ${plugin.name === props.selected ? 'btn-primary' : 'btn-outline-primary'}`}
      aria-pressed={plugin.name === props.selected}
      data-plugin={plugin.name}
      onClick={() => props.onSelect(plugin.name)}
    >
      {plugin.displayName}
      {plugin.notConfigured ? <small className="d-block">not configured</small> : null}
    </button>
  );
  return (
    <nav className="tiles" aria-label="Platforms">
      {groups(props.plugins).map((group) =>
        group.parent ? (
          <section
            key={group.parent}
            className="tile-group card"
            aria-label={group.parent.toUpperCase()}
          >
            <h2 className="h6 card-header">{group.parent.toUpperCase()}</h2>
            <div className="card-body">{group.plugins.map(tile)}</div>
          </section>
        ) : (
          group.plugins.map(tile)
        ),
      )}
    </nav>
  );
}
