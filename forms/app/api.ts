// The GraphQL operations the page uses; the same ones any portal frontend would send.

export interface Issue {
  path: Array<string | number>;
  field: Array<string | number>;
  message: string;
}

export interface GraphQLFailure {
  message: string;
  issues: Issue[];
}

interface Answer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; issues?: Issue[] } }>;
}

/** Thrown for an answer with errors; `issues` holds the BAD_USER_INPUT issues, if any. */
export class RequestFailed extends Error implements GraphQLFailure {
  constructor(
    message: string,
    readonly issues: Issue[],
  ) {
    super(message);
  }
}

export async function request<T>(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await response.json()) as Answer<T>;
  if (answer.errors?.length) {
    const issues = answer.errors.flatMap((error) => error.extensions?.issues ?? []);
    throw new RequestFailed(answer.errors.map((error) => error.message).join('\n'), issues);
  }
  return answer.data as T;
}

export interface PluginTile {
  name: string;
  displayName: string;
  platform: string;
  parentPlatform: string | null;
  notConfigured: boolean;
}

export interface PlatformSetting {
  name: string;
  description: string;
  options: string[];
}

export interface PlatformConfiguration {
  platform: string;
  plugin: string;
  configured: boolean;
  settings: PlatformSetting[];
}

export const PAGE_QUERY = `{
  plugins { name displayName platform parentPlatform notConfigured }
  platformConfigurations { platform plugin configured settings { name description options } }
}`;

export interface PluginForm {
  name: string;
  displayName: string;
  platform: string;
  description: string;
  notConfigured: boolean;
  elements: Array<{ name: string; label: string; hidden: boolean }>;
  jsonSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}

export const FORM_QUERY = `query PluginForm($name: String!) {
  pluginForm(name: $name) {
    name displayName platform description notConfigured
    elements { name label hidden }
    jsonSchema(dialect: DRAFT_07)
    uiSchema(renderer: RJSF)
  }
}`;

export const CREATE_MUTATION = `mutation Create($input: DataOutputConfigurationInput!) {
  createDataOutputConfiguration(input: $input) { id }
}`;

export const CONFIGURE_MUTATION = `mutation Configure($input: PlatformConfigurationInput!) {
  configurePlatform(input: $input) { platform }
}`;

/**
 * The stored configurations of one plugin with its form fields. A plugin's object type has the
 * plugin's name and its form fields' names, so the fragment is built from the form itself.
 */
export function listQuery(form: PluginForm): string {
  const fields = form.elements.map((element) => element.name).join(' ');
  return `query List($plugin: String) {
    dataOutputConfigurations(plugin: $plugin, first: 20) {
      totalCount
      nodes { id createdAt ... on ${form.name} { ${fields} } }
    }
  }`;
}

export interface StoredList {
  dataOutputConfigurations: {
    totalCount: number;
    nodes: Array<Record<string, unknown> & { id: string; createdAt: string }>;
  };
}
