import type { PlatformSettings } from '@data-product-portal/plugin-sdk';
import { lacksOptions } from '../config-schema/form.js';
import { jsonSchemasOf } from './form-schemas.js';
import type { PluginView } from './plugin-view.js';

/**
 * A plugin's view with the options of its `optionsFrom` elements taken from the platform's
 * stored settings (null: not configured), also as the field's choices in its JSON Schema. A form with a select that has nothing to offer
 * cannot be filled in, so such a plugin is flagged `notConfigured`.
 */
export function configuredView(view: PluginView, settings: PlatformSettings | null): PluginView {
  if (view.settings.length === 0) return view;
  const elements = view.elements.map((element) =>
    element.optionsFrom === null
      ? element
      : {
          ...element,
          options: (settings?.[element.optionsFrom] ?? []).map((value) => ({
            label: value,
            value,
          })),
        },
  );
  return {
    ...view,
    elements,
    jsonSchemas: jsonSchemasOf({ ...view, elements }),
    notConfigured: lacksOptions(elements),
  };
}

interface SettingsSource {
  readonly generation: number;
  current(): Promise<ReadonlyMap<string, { settings: PlatformSettings }>>;
}

/**
 * The views with stored settings applied, recomputed only when the settings change (the
 * source's generation moves), so serving a form costs no work per request.
 */
export function configuredViews(
  views: readonly PluginView[],
): (source: SettingsSource) => Promise<readonly PluginView[]> {
  let cached: { generation: number; views: readonly PluginView[] } | null = null;
  return async (source) => {
    const snapshot = await source.current();
    if (cached?.generation !== source.generation) {
      cached = {
        generation: source.generation,
        views: views.map((view) =>
          configuredView(view, snapshot.get(view.platform)?.settings ?? null),
        ),
      };
    }
    return cached.views;
  };
}
