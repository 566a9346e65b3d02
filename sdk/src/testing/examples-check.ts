import { isDeepStrictEqual } from 'node:util';
import type { ConfigIssue, PlatformSettings } from '../check.js';
import type { DataOutputPlugin } from '../define-plugin.js';
import { friendlierMessages, optionIssues } from '../rules/validation.js';
import { readFields } from './config-fields.js';

// Example inputs, judged as the service judges an input: the Zod schema with its save rules (and
// the service's wording), the configured options of `optionsFrom` fields, then the plugin's check.

/**
 * An input and the platform settings it is validated with.
 *
 * @public
 */
export interface ExampleInput {
  /** What a client sends as the plugin's input, e.g. `{ bucket: 'raw', path: 'sales' }`. */
  input: Record<string, unknown>;
  /** The platform's option lists; by default every value the input gives an `optionsFrom` field. */
  settings?: PlatformSettings | null;
  /** Default `create`. */
  operation?: 'create' | 'update';
}

/**
 * An input the plugin accepts, and optionally exactly what it stores.
 *
 * @public
 */
export interface AcceptedExample extends ExampleInput {
  stores?: Record<string, unknown>;
}

/**
 * An input the plugin refuses, with issues it must report (others may come too).
 *
 * @public
 */
export interface RefusedExample extends ExampleInput {
  issues: ReadonlyArray<{ path: ReadonlyArray<string | number>; message?: string }>;
}

type Outcome = { ok: true; value: Record<string, unknown> } | { ok: false; issues: ConfigIssue[] };

/** Settings that list what the input picks, so an example need not state the obvious. */
function defaultSettings(
  plugin: DataOutputPlugin,
  input: Record<string, unknown>,
): PlatformSettings {
  const settings: Record<string, string[]> = {};
  for (const field of readFields(plugin.config).fields) {
    const from = field.form?.optionsFrom;
    const value = input[field.name];
    if (from === undefined) continue;
    settings[from] = [...(settings[from] ?? []), ...(value === undefined ? [] : [String(value)])];
  }
  return settings;
}

async function judge(plugin: DataOutputPlugin, example: ExampleInput): Promise<Outcome> {
  const context = {
    platformSettings:
      example.settings === undefined ? defaultSettings(plugin, example.input) : example.settings,
    operation: example.operation ?? 'create',
  };
  const fields = readFields(plugin.config).fields.map((field) => ({
    name: field.name,
    optionsFrom: field.form?.optionsFrom ?? null,
  }));
  const parsed = await plugin.config.safeParseAsync(example.input, { error: friendlierMessages });
  if (!parsed.success) {
    const flagged = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    const options = optionIssues(plugin.platform.key, fields, example.input, context).filter(
      (issue) => !flagged.has(issue.path[0] as string),
    );
    const zod = parsed.error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
      message: issue.message,
    }));
    return { ok: false, issues: [...zod, ...options] };
  }
  const value = parsed.data as Record<string, unknown>;
  const issues = [...optionIssues(plugin.platform.key, fields, value, context)];
  if (plugin.check) issues.push(...(await plugin.check(value, context)));
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

const show = (value: unknown) => JSON.stringify(value);
const showIssues = (issues: readonly ConfigIssue[]) =>
  issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');

/** Each accepted example is accepted (storing what it says), each refused one refused as it says. */
export async function examplesProblems(
  plugin: DataOutputPlugin,
  accepts: readonly AcceptedExample[],
  refuses: readonly RefusedExample[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const example of accepts) {
    const outcome = await judge(plugin, example);
    if (!outcome.ok)
      problems.push(
        `accepts ${show(example.input)}? No, it refuses it: ${showIssues(outcome.issues)}.`,
      );
    else if (example.stores !== undefined && !isDeepStrictEqual(outcome.value, example.stores))
      problems.push(
        `accepts ${show(example.input)} and stores ${show(outcome.value)}, not ${show(example.stores)}.`,
      );
  }
  for (const example of refuses) {
    const outcome = await judge(plugin, example);
    if (outcome.ok) {
      problems.push(
        `refuses ${show(example.input)}? No, it accepts it and stores ${show(outcome.value)}.`,
      );
      continue;
    }
    for (const expected of example.issues) {
      const found = outcome.issues.some(
        (issue) =>
          isDeepStrictEqual([...issue.path], [...expected.path]) &&
          (expected.message === undefined || issue.message === expected.message),
      );
      if (!found)
        problems.push(
          `refuses ${show(example.input)} with ${expected.path.join('.')}${expected.message === undefined ? '' : `: ${expected.message}`}? It reports ${showIssues(outcome.issues)}.`,
        );
    }
  }
  return problems;
}
