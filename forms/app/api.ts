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

/** A tile of `platformTiles`: a platform (with its plugin) or a parent holding platforms. */
export interface PlatformTile {
  key: string;
  label: string;
  plugin: string | null;
  configured: boolean;
  children: PlatformTile[];
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
  platformTiles { key label plugin configured children { key label plugin configured } }
  platformConfigurations { platform plugin configured settings { name description options } }
}`;

export interface PluginForm {
  name: string;
  resultLabel: string;
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
    name displayName platform description notConfigured resultLabel
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
      nodes { id createdAt resultString consoleUrl { url reason } ... on ${form.name} { ${fields} } }
    }
  }`;
}

export interface StoredList {
  dataOutputConfigurations: {
    totalCount: number;
    nodes: Array<
      Record<string, unknown> & {
        id: string;
        createdAt: string;
        resultString: string | null;
        consoleUrl: { url: string | null; reason: string | null };
      }
    >;
  };
}

/** The resulting access path of the values typed so far. */
export const RESULT_QUERY = `query Result($plugin: String!, $values: JSONObject!) {
  renderResultString(plugin: $plugin, values: $values)
}`;
