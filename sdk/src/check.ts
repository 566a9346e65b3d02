/**
 * A plugin's own checks of a configuration, beyond what its Zod schema can say on its own:
 * checks that need the platform's operator-maintained settings, for example.
 */

/**
 * One problem with the input; `path` is relative to the plugin's input, e.g. `['database']`.
 *
 * @public
 */
export interface ConfigIssue {
  path: ReadonlyArray<string | number>;
  message: string;
}

/**
 * Option lists by setting name, e.g. `{ databases: ['sales'] }`, as an operator configured them.
 *
 * @public
 */
export type PlatformSettings = Readonly<Record<string, readonly string[]>>;

/**
 * The data product a configuration belongs to.
 *
 * @public
 */
export interface ConfigOwner {
  dataProductId: string;
  /** The product's namespace; pre-fills `useNamespaceWhenNotSourceAligned` fields. */
  namespace: string;
  sourceAligned: boolean;
}

/**
 * What a plugin's `check` knows besides the value.
 *
 * @public
 */
export interface CheckContext {
  /** The platform's settings; null while the platform is not configured. */
  platformSettings: PlatformSettings | null;
  operation: 'create' | 'update';
  /** The configuration being updated. */
  id?: string;
  /** The data product it belongs to, when the client named one (since contract 1.4). */
  owner?: ConfigOwner;
}

/**
 * Runs after the Zod schema (and its save rules) succeeded, on the parsed value. Return every
 * problem found; an empty list accepts the input. Nothing is written unless it is empty.
 *
 * @public
 */
export type ConfigCheck<T> = (
  value: T,
  context: CheckContext,
) => readonly ConfigIssue[] | Promise<readonly ConfigIssue[]>;
