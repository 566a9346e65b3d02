import type { z } from 'zod';

// What the portal shows around a stored configuration, beyond its form: the parent tile it is
// grouped under, its resulting access path, a link to the platform's console and its technical
// information per environment. All optional (contract 1.4): a plugin without them still loads.

/**
 * A parent tile that groups platforms (AWS holds S3, Glue and Redshift). Declared once, here or
 * in a plugin package, and referenced by every plugin it groups, so its label and icon are one
 * fact.
 *
 * @public
 */
export interface ParentTile {
  /** Stable key; what `platform.parentPlatform` names. */
  readonly key: string;
  readonly label: string;
  /** Icon file name the frontend resolves, e.g. `aws-logo.svg`. */
  readonly iconName: string;
}

/**
 * The AWS parent tile.
 *
 * @public
 */
export const aws: ParentTile = Object.freeze({
  key: 'aws',
  label: 'AWS',
  iconName: 'aws-logo.svg',
});

/**
 * The values a template is rendered with: the configuration's fields and, for technical
 * information, the environment's settings.
 *
 * @public
 */
export type TemplateValues = Readonly<Record<string, unknown>>;

/**
 * A string rendered from a template: `{name}` is replaced by the value of `name` (an absent or
 * null value renders empty), then `postProcess` tidies the result (e.g. drops empty path segments).
 *
 * @public
 */
export interface RenderedString {
  /** e.g. `{database}__{databaseSuffix}.{table}`; `{{` and `}}` stand for literal braces. */
  readonly template: string;
  readonly postProcess?: (rendered: string) => string;
}

/**
 * The platform settings a plugin reads besides its option lists (an account id, a console URL,
 * ARNs), as a Zod object of optional fields. An operator stores them once for the platform and,
 * for platforms with environments, once per environment; an environment's values override the
 * platform's.
 *
 * @public
 */
export type NamedSettingsSchema = z.ZodObject;

/**
 * What a console link is built from.
 *
 * @public
 */
export interface ConsoleUrlContext<T = Record<string, unknown>> {
  /** The stored configuration. */
  readonly config: T;
  /** The platform's named settings (an environment's merged over the platform's). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The environment asked for; null for the platform's own settings. */
  readonly environment: string | null;
}

/**
 * A link to the platform's console, or why there is none (shown to the user as is, e.g.
 * "AWS account id and region are not configured").
 *
 * @public
 */
export type ConsoleUrlResult = { readonly url: string } | { readonly reason: string };

/**
 * The technical information of a configuration in one environment: a template rendered with the
 * configuration's fields, `environment` (the environment's name) and the values `values` returns
 * (e.g. the ARN of the configuration's bucket in that environment).
 *
 * @public
 */
export interface TechnicalInfoSpec extends RenderedString {
  values?(config: TemplateValues, settings: TemplateValues): TemplateValues;
}

/**
 * The placeholders of a template, in order of appearance.
 *
 * @public
 */
export function templateFields(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) if (match[1]) names.push(match[1]);
  return names;
}

const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Renders a template: each `{name}` becomes the value's text; absent and null values render empty.
 *
 * @public
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole[0] as string;
    const value = values[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/**
 * Renders a declared string and applies its post-processing.
 *
 * @public
 */
export function renderString(spec: RenderedString, values: TemplateValues): string {
  const rendered = renderTemplate(spec.template, values);
  return spec.postProcess ? spec.postProcess(rendered) : rendered;
}

/**
 * Post-processing: drops empty segments of a `/`-separated path (an empty suffix leaves none).
 *
 * @public
 */
export function dropEmptyPathSegments(rendered: string): string {
  return rendered
    .split('/')
    .filter((part) => part !== '')
    .join('/');
}

/**
 * Post-processing: strips trailing underscores from each `.`-separated part (an empty suffix
 * after `__` leaves none).
 *
 * @public
 */
export function trimTrailingUnderscores(rendered: string): string {
  return rendered
    .split('.')
    .map((part) => part.replace(/_+$/, ''))
    .join('.');
}

/**
 * Post-processing: replaces dashes, which identifiers may not hold, by underscores.
 *
 * @public
 */
export function dashesToUnderscores(rendered: string): string {
  return rendered.replaceAll('-', '_');
}
