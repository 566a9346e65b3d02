// The schema of the enabled plugins, as GraphQL Code Generator loads it (see codegen.ts).
import { loadEnv, pluginSelection } from '../../src/env.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { loadRegistry } from '../../src/registry/registry.js';

export const schema = loadRegistry({ ...pluginSelection(loadEnv()) }).then(
  (registry) => buildSchema(registry).schema,
);
