import { expect } from 'vitest';
import type { Service } from '../../src/service.js';
import { type GraphQLResponse, graphql } from './service.js';

// What a frontend does: read forms and platform settings, fill inputs, call the mutations.

export const CONFIG_FIELDS = 'id plugin platform createdAt updatedAt';

export interface Stored {
  id: string;
  plugin: string;
  platform: string;
  createdAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

interface FormElement {
  name: string;
  type: string;
  hidden: boolean;
  options: Array<{ value: string }>;
  dependsOn: Array<{ field: string; value: string }>;
}

export interface Form {
  name: string;
  platform: string;
  elements: FormElement[];
}

/** Data must come back without errors. */
export async function ok<T>(
  service: Service,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const response = await graphql<T>(service, query, variables);
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** Gives every setting of every platform the options `alpha`, `beta`, `gamma`. */
export async function configureAllPlatforms(service: Service): Promise<void> {
  const { platformConfigurations } = await ok<{
    platformConfigurations: Array<{ platform: string; settings: Array<{ name: string }> }>;
  }>(service, '{ platformConfigurations { platform settings { name } } }');
  for (const { platform, settings } of platformConfigurations.filter(
    (p) => p.settings.length > 0,
  )) {
    const input = {
      [platform]: Object.fromEntries(settings.map((s) => [s.name, ['alpha', 'beta', 'gamma']])),
    };
    await ok(
      service,
      'mutation($input: PlatformConfigurationInput!) { configurePlatform(input: $input) { platform } }',
      { input },
    );
  }
}

export async function formOf(service: Service, plugin: string): Promise<Form> {
  const { pluginForm } = await ok<{ pluginForm: Form }>(
    service,
    'query($name: String!) { pluginForm(name: $name) { name platform elements { name type hidden options { value } dependsOn { field value } } } }',
    { name: plugin },
  );
  return pluginForm;
}

/**
 * A filled-in form, as a user would: option `variant` of each choice, a distinct text elsewhere,
 * and a field that depends on another only when it is shown (its `dependsOn` holds).
 */
export function fill(form: Form, variant: number): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(
    form.elements
      .filter((element) => !element.hidden && element.dependsOn.length === 0)
      .map((element) => [
        element.name,
        element.options.length > 0
          ? element.options[variant % element.options.length]?.value
          : `${element.name}_${variant}`,
      ]),
  );
  for (const element of form.elements.filter((e) => !e.hidden && e.dependsOn.length > 0)) {
    if (element.dependsOn.every(({ field, value }) => values[field] === value))
      values[element.name] = `${element.name}_${variant}`;
  }
  return values;
}

export function create(service: Service, form: Form, values: Record<string, unknown>) {
  return graphql<{ createDataOutputConfiguration: Stored }>(
    service,
    `mutation($input: DataOutputConfigurationInput!) { createDataOutputConfiguration(input: $input) { ${CONFIG_FIELDS} } }`,
    { input: { [form.platform]: values } },
  );
}

/** Rows in the base table and in all plugin tables together. */
export async function rowCounts(service: Service): Promise<{ base: number; plugin: number }> {
  const prisma = service.db.prisma;
  const tables = await prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%\\_data\\_outputs'",
  );
  let plugin = 0;
  for (const { tablename } of tables) {
    const [row] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "${tablename}"`,
    );
    plugin += row?.n ?? 0;
  }
  const [base] = await prisma.$queryRawUnsafe<Array<{ n: number }>>(
    'SELECT count(*)::int AS n FROM data_output_configurations',
  );
  return { base: base?.n ?? 0, plugin };
}

export type { GraphQLResponse };
