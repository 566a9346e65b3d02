import type { PluginView } from '../catalog/plugin-view.js';
import type { Builder } from './builder.js';

/**
 * A `@oneOf` input with one field per plugin, named by its platform key: a client sends exactly
 * one, and its key says which plugin the value is for. Null when no plugin has a member.
 */
export function addOneOfByPlatform(
  builder: Builder,
  name: string,
  description: string,
  /** `type`: the name of the member's input type. */
  members: ReadonlyArray<{ view: PluginView; type: string; description: string }>,
) {
  if (members.length === 0) return null;
  return builder.inputType(name, {
    description,
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        members.map(({ view, type, description: field }) => [
          view.platform,
          t.field({ type: type as never, description: field }),
        ]),
      ),
  });
}

/** The one member a `@oneOf` value holds (graphql-js has checked there is exactly one). */
export function memberOf(value: Record<string, unknown>): {
  key: string;
  input: Record<string, unknown>;
} {
  const [entry] = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
  if (!entry) throw new Error('A @oneOf input arrived without a member.');
  return { key: entry[0], input: entry[1] as Record<string, unknown> };
}
