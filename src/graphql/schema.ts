import type { GraphQLSchema } from 'graphql';
import { pluginView, type PluginView } from '../catalog/plugin-view.js';
import type { PluginRegistry } from '../registry/registry.js';
import { createBuilder } from './builder.js';
import { addConfigInputs } from './config-inputs.js';
import { addConfigObjects } from './config-objects.js';
import { configTypeResolver } from './config-types.js';
import { addPluginQueries } from './plugin-queries.js';
import { addFormValueScalar, addJsonObjectScalar } from './scalars.js';

export interface ServiceSchema {
  schema: GraphQLSchema;
  views: PluginView[];
}

/** Composes the one GraphQL schema from the registry's plugins. */
export function buildSchema(registry: PluginRegistry): ServiceSchema {
  const views = registry.list().map(pluginView);
  const builder = createBuilder();
  const typeOf = configTypeResolver(builder);
  builder.queryType({ description: 'Data Product Portal plugin service.' });
  addFormValueScalar(builder);
  addJsonObjectScalar(builder);
  addPluginQueries(builder, views);
  addConfigInputs(builder, views, typeOf);
  addConfigObjects(builder, views, typeOf);
  // Not sorted: input fields keep the Zod (form) order, which introspection-driven forms rely on.
  return { schema: builder.toSchema({ sortSchema: false }), views };
}
