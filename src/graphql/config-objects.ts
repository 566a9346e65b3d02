import type { PluginView } from '../catalog/plugin-view.js';
import type PrismaTypes from '../generated/pothos-types.js';
import type { Builder, PrismaDatamodel } from './builder.js';
import type { ConfigTypeResolver } from './config-types.js';
import type { DataOutputInterfaceRef } from './data-output-interface.js';

/** Models the schema build adds from plugin fragments (the base models are the core's own). */
type PluginModelName = Exclude<
  Extract<keyof PrismaTypes, string>,
  'DataOutputConfiguration' | 'PlatformConfiguration'
>;

function modelNameOf(view: PluginView, datamodel: PrismaDatamodel): PluginModelName {
  if (!(view.name in datamodel.datamodel.models)) {
    throw new Error(
      `Plugin ${view.name} (${view.source}) has no model in the generated Prisma client. ` +
        'Run `npm run schema:build` after changing the enabled plugins.',
    );
  }
  return view.name as PluginModelName;
}

/**
 * One object type per plugin over its Prisma model, exposing the stored configuration. Rows
 * always come with their base row (`include: { base: true }`), which the interface reads.
 */
export function addConfigObjects(
  builder: Builder,
  views: readonly PluginView[],
  typeOf: ConfigTypeResolver,
  dataOutput: DataOutputInterfaceRef,
  datamodel: PrismaDatamodel,
): void {
  for (const view of views) {
    builder.prismaObject(modelNameOf(view, datamodel), {
      description: `A stored ${view.displayName} data output configuration. ${view.description}`,
      interfaces: [dataOutput],
      include: { base: true },
      isTypeOf: (row) =>
        typeof row === 'object' &&
        row !== null &&
        'base' in row &&
        (row.base as { plugin?: unknown }).plugin === view.name,
      fields: (t) =>
        Object.fromEntries(
          view.fields.map((field) => [
            field.name,
            // Column names are the config's field names (the schema build checks it), known only at run time.
            t.expose(field.name as never, {
              type: typeOf(field.type, view.name),
              nullable: !field.nonNull,
              description: field.description,
            }),
          ]),
        ),
    });
  }
}
