import type { GraphQLSchema } from 'graphql';
import { type PluginEntry, type PluginView, pluginView } from '../catalog/plugin-view.js';
import type { PluginRegistry } from '../registry/registry.js';
import { createBuilder } from './builder.js';
import { addConfigInputs } from './config-inputs.js';
import { addConfigObjects } from './config-objects.js';
import { configTypeResolver } from './config-types.js';
import { addDataOutputInterface } from './data-output-interface.js';
import { addDataOutputMutations } from './data-output-mutations.js';
import { addDataOutputQueries } from './data-output-queries.js';
import { addPlatformConfiguration } from './platform-configuration.js';
import { addPluginQueries } from './plugin-queries.js';
import { addDateTimeScalar, addFormValueScalar, addJsonObjectScalar } from './scalars.js';

export interface ServiceSchema {
  schema: GraphQLSchema;
  views: PluginView[];
}

/** Composes the one GraphQL schema from the registry's plugins. */
export function buildSchema(registry: PluginRegistry): ServiceSchema {
  const entries: PluginEntry[] = registry
    .list()
    .map((registered) => ({ plugin: registered.plugin, view: pluginView(registered) }));
  const views = entries.map((entry) => entry.view);
  const builder = createBuilder();
  const typeOf = configTypeResolver(builder);
  builder.queryType({ description: 'Data Product Portal plugin service.' });
  builder.mutationType({ description: 'Data output configurations and platform settings.' });
  addFormValueScalar(builder);
  addJsonObjectScalar(builder);
  addDateTimeScalar(builder);
  addPluginQueries(builder, views);
  addConfigInputs(builder, views, typeOf);
  const dataOutput = addDataOutputInterface(builder, views);
  addConfigObjects(builder, views, typeOf, dataOutput);
  addDataOutputQueries(builder, entries, dataOutput);
  addDataOutputMutations(builder, entries, dataOutput);
  addPlatformConfiguration(builder, views);
  // Not sorted: input fields keep the Zod (form) order, which introspection-driven forms rely on.
  return { schema: builder.toSchema({ sortSchema: false }), views };
}
