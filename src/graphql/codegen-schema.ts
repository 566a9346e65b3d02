// The schema of the enabled plugins, as GraphQL Code Generator loads it (see codegen.ts).
import { loadConfig, pluginSelection } from '../config.js';
import { loadRegistry } from '../registry/registry.js';
import { buildSchema } from './schema.js';

export const schema = loadRegistry({ ...pluginSelection(loadConfig()) }).then(
  (registry) => buildSchema(registry).schema,
);
