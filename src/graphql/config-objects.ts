import type { PluginView } from '../catalog/plugin-view.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import type { Builder } from './builder.js';
import type { ConfigTypeResolver } from './config-types.js';

type ModelName = Extract<keyof PrismaTypes, string>;

function modelNameOf(view: PluginView): ModelName {
  const models = getDatamodel().datamodel.models;
  if (!(view.name in models)) {
    throw new Error(
      `Plugin ${view.name} (${view.source}) has no model in the generated Prisma client. ` +
        'Run `npm run schema:build` after changing the enabled plugins.',
    );
  }
  return view.name as ModelName;
}

/** One object type per plugin over its Prisma model, exposing the stored configuration. */
export function addConfigObjects(builder: Builder, views: readonly PluginView[], typeOf: ConfigTypeResolver): void {
  for (const view of views) {
    builder.prismaObject(modelNameOf(view), {
      description: `A stored ${view.displayName} data output configuration. ${view.description}`,
      fields: (t) => ({
        id: t.exposeID('id', { description: 'Id of the configuration, shared with its DataOutputConfiguration row.' }),
        ...Object.fromEntries(
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
      }),
    });
  }
}
