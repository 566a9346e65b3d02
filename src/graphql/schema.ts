import type { GraphQLSchema } from 'graphql';
import { type PluginEntry, type PluginView, pluginView } from '../catalog/plugin-view.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { parentTilesOf } from '../presentation/tiles.js';
import type { PluginRegistry } from '../registry/registry.js';
import { createBuilder, type PrismaDatamodel } from './builder.js';
import { addConfigInputs } from './config-inputs.js';
import { addConfigObjects } from './config-objects.js';
import { configTypeResolver } from './config-types.js';
import { addDataOutputInterface } from './data-output-interface.js';
import { addDataOutputMutations } from './data-output-mutations.js';
import { addDataOutputQueries } from './data-output-queries.js';
import { addNamedSettings } from './named-settings.js';
import { addOwnerTypes } from './owner.js';
import { addPlatformConfiguration } from './platform-configuration.js';
import { addPluginQueries } from './plugin-queries.js';
import { addPortalQueries } from './portal-queries.js';
import { addPresentationFields } from './presentation-fields.js';
import { addDateTimeScalar, addFormValueScalar, addJsonObjectScalar } from './scalars.js';

export interface SchemaOptions {
  /** GRAPHQL_MAX_COST: the most a query may cost (see cost.ts); none when unset (tools). */
  maxCost?: number;
  /**
   * The Prisma models the object types map to: the generated client's by default. A caller that
   * composes plugins the client was not generated for (the scale bench) passes those of the
   * merged schema.
   */
  datamodel?: PrismaDatamodel;
}

export interface ServiceSchema {
  schema: GraphQLSchema;
  views: PluginView[];
}

/** Composes the one GraphQL schema from the registry's plugins. */
export function buildSchema(registry: PluginRegistry, options: SchemaOptions = {}): ServiceSchema {
  const entries: PluginEntry[] = registry
    .list()
    .map((registered) => ({ plugin: registered.plugin, view: pluginView(registered) }));
  const views = entries.map((entry) => entry.view);
  const datamodel = options.datamodel ?? getDatamodel();
  const builder = createBuilder(datamodel);
  const typeOf = configTypeResolver(builder);
  // Reading needs an authenticated caller; each mutation also names the role it needs.
  builder.queryType({
    description: 'Data Product Portal plugin service.',
    authScopes: { authenticated: true },
  });
  builder.mutationType({
    description: 'Data output configurations and platform settings.',
    authScopes: { authenticated: true },
  });
  addFormValueScalar(builder);
  addJsonObjectScalar(builder);
  addDateTimeScalar(builder);
  const owner = addOwnerTypes(builder);
  const configured = addPluginQueries(builder, views, owner);
  addPortalQueries(builder, entries, parentTilesOf(entries.map((e) => e.plugin)), configured);
  addConfigInputs(builder, views, typeOf);
  const dataOutput = addDataOutputInterface(builder, views);
  addPresentationFields(builder, entries, dataOutput, owner);
  addConfigObjects(builder, views, typeOf, dataOutput, datamodel);
  addDataOutputQueries(builder, entries, dataOutput);
  addDataOutputMutations(builder, entries, dataOutput, owner);
  addPlatformConfiguration(builder, views);
  addNamedSettings(builder, entries);
  // Not sorted: input fields keep the Zod (form) order, which introspection-driven forms rely on.
  const schema = builder.toSchema({
    sortSchema: false,
    ...(options.maxCost === undefined
      ? {}
      : { complexity: { limit: { complexity: options.maxCost } } }),
  });
  return { schema, views };
}
