import type { CheckContext, ConfigIssue, DataOutputPlugin } from '@data-product-portal/plugin-sdk';
import {
  friendlierMessages,
  optionIssues as sharedOptionIssues,
} from '@data-product-portal/plugin-sdk/internal';
import type { PluginView } from '../catalog/plugin-view.js';
import { dependsOnIssues } from './depends-on-issues.js';
import { type InputIssue, type Parsed, under, zodIssues } from './issues.js';
import { textIssues } from './text-guard.js';

function optionIssues(
  view: PluginView,
  value: Record<string, unknown>,
  context: CheckContext,
): ConfigIssue[] {
  return sharedOptionIssues(view.platform, view.elements, value, context);
}

/**
/**
 * Validates a configuration input the way it will be stored: the host's text rules on every
 * string, values sent for fields whose `dependsOn` does not hold, the plugin's Zod schema with its
 * save rules, then the configured options of `optionsFrom` fields, then the plugin's own `check`.
 * Issue paths start at `prefix`, the input's place in the mutation.
 */
export async function parseConfiguration(
  plugin: DataOutputPlugin,
  view: PluginView,
  input: unknown,
  context: CheckContext,
  prefix: ReadonlyArray<string | number>,
): Promise<Parsed<Record<string, unknown>>> {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  // A refused string never reaches the plugin's schema (whose refinements may not expect a
  // megabyte or a NUL) nor a message; the rest of the input is still checked, so one answer
  // names every field.
  const refused = textIssues(view.fields, raw);
  const flagged = new Set(refused.map((issue) => issue.path[0]));
  const sane =
    refused.length === 0
      ? raw
      : Object.fromEntries(Object.entries(raw).filter(([name]) => !flagged.has(name)));
  // Read from the input as sent: the save rules may rewrite the very values this looks at.
  const unused = under(prefix, dependsOnIssues(view, sane));
  const parsed = await plugin.config.safeParseAsync(refused.length === 0 ? input : sane, {
    error: friendlierMessages,
  });
  if (!parsed.success || refused.length > 0) {
    const schemaIssues = parsed.success
      ? []
      : parsed.error.issues.filter((issue) => !flagged.has(issue.path[0] as string));
    for (const issue of schemaIssues) flagged.add(issue.path[0] as string);
    // Report the option checks too, so one answer names every offending field.
    const options = optionIssues(view, sane, context).filter(
      (issue) => !flagged.has(issue.path[0] as string),
    );
    return {
      ok: false,
      issues: [
        ...under(prefix, refused),
        ...zodIssues(prefix, { issues: schemaIssues }),
        ...under(prefix, options),
        ...unused,
      ],
    };
  }
  const value = parsed.data as Record<string, unknown>;
  const issues: InputIssue[] = [...under(prefix, optionIssues(view, value, context)), ...unused];
  if (plugin.check) issues.push(...under(prefix, await plugin.check(value, context)));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}
