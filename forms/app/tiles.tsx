import type { PlatformTile } from './api.js';

/** The API's tiles: parents (AWS: Glue, Redshift, S3) as a group, other platforms alone. */
export function Tiles(props: {
  tiles: readonly PlatformTile[];
  selected: string | null;
  onSelect: (name: string) => void;
}) {
  const tile = (platform: PlatformTile) => (
    <button
      key={platform.key}
      type="button"
      className={`btn tile ${platform.plugin === props.selected ? 'btn-primary' : 'btn-outline-primary'}`}
      aria-pressed={platform.plugin === props.selected}
      data-plugin={platform.plugin}
      onClick={() => platform.plugin && props.onSelect(platform.plugin)}
    >
      {platform.label}
      {platform.configured ? null : <small className="d-block">not configured</small>}
    </button>
  );
  return (
    <nav className="tiles" aria-label="Platforms">
      {props.tiles.map((parent) =>
        parent.plugin === null ? (
          <section key={parent.key} className="tile-group card" aria-label={parent.label}>
            <h2 className="h6 card-header">{parent.label}</h2>
            <div className="card-body">{parent.children.map(tile)}</div>
          </section>
        ) : (
          tile(parent)
        ),
      )}
    </nav>
  );
}
