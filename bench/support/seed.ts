import { call } from './http-load.js';

const CONFIGURE =
  'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform } }';
export const CREATE =
  'mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { id } }';

/** Each reference warehouse platform offers the database (or catalog) `sales`. */
export async function configurePlatforms(url: URL): Promise<void> {
  const settings = {
    snowflake: 'databases',
    databricks: 'catalogs',
    glue: 'databases',
    redshift: 'databases',
  };
  for (const [platform, setting] of Object.entries(settings))
    await call(url, CONFIGURE, { input: { [platform]: { [setting]: ['sales'] } } });
}

/** 200 configurations, 50 per plugin, through the API as a client would store them. */
export async function seedConfigurations(url: URL): Promise<void> {
  const container = {
    snowflake: 'database',
    databricks: 'catalog',
    glue: 'database',
    redshift: 'database',
  };
  for (let i = 0; i < 50; i += 1) {
    for (const [platform, field] of Object.entries(container)) {
      const own = platform === 'glue' ? { databaseSuffix: `s${i}` } : { schema: `s${i}` };
      await call(url, CREATE, { input: { [platform]: { [field]: 'sales', ...own } } });
    }
  }
}
