/**
 * The conformance kit: checks a plugin the way the service will, from the plugin's own tests.
 * `assertConformance(plugin, { accepts, refuses })` fails with every problem found, each under the
 * rule it breaks. The fragment check needs `@prisma/prisma-schema-wasm` and the migrations check
 * `@electric-sql/pglite`: optional peer dependencies of this entry, installed as dev dependencies.
 *
 * @packageDocumentation
 */

import { contractCheck, fieldsProblems, metadataProblems } from './testing/definition-checks.js';
import {
  type AcceptedExample,
  examplesProblems,
  type RefusedExample,
} from './testing/examples-check.js';
import { fragmentCheck } from './testing/fragment-check.js';
import { migrationsCheck } from './testing/migrations-check.js';

export type { PlatformSettings } from './check.js';
export type { AcceptedExample, ExampleInput, RefusedExample } from './testing/examples-check.js';

/**
 * The rules, in the order they are checked.
 *
 * @public
 */
export const CONFORMANCE_RULES = [
  'contract',
  'metadata',
  'fields',
  'fragment',
  'migrations',
  'examples',
] as const;

/** @public */
export type ConformanceRule = (typeof CONFORMANCE_RULES)[number];

/**
 * One broken rule and what is wrong.
 *
 * @public
 */
export interface ConformanceProblem {
  rule: ConformanceRule;
  message: string;
}

/**
 * Example inputs the plugin must accept and refuse.
 *
 * @public
 */
export interface ConformanceOptions {
  accepts?: readonly AcceptedExample[];
  refuses?: readonly RefusedExample[];
}

/**
 * A plugin that breaks rules; `problems` lists each.
 *
 * @public
 */
export class ConformanceError extends Error {
  constructor(readonly problems: readonly ConformanceProblem[]) {
    super(
      `The plugin breaks ${problems.length} rule(s) of the plugin contract:\n${problems
        .map((p) => `- [${p.rule}] ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ConformanceError';
  }
}

/**
 * Checks `value` as the service will when it loads it, and returns every problem: it was made with
 * `definePlugin` for a contract this SDK implements (`contract`; nothing else is checked
 * otherwise); its name, version, description and platform metadata (`metadata`); every
 * configuration field is mapped and described (`fields`); the Prisma fragment has the plugin's
 * model with a column of a fitting type per field (`fragment`); the migrations apply in order on
 * the contract's tables, create that table and record fitting versions (`migrations`); the
 * examples are accepted and refused as given (`examples`).
 *
 * @public
 */
export async function checkConformance(
  value: unknown,
  options: ConformanceOptions = {},
): Promise<ConformanceProblem[]> {
  const contract = contractCheck(value);
  if (!('plugin' in contract))
    return contract.problems.map((message) => ({ rule: 'contract', message }));
  const { plugin } = contract;
  const of = (rule: ConformanceRule, messages: readonly string[]) =>
    messages.map((message) => ({ rule, message }));
  const metadata = metadataProblems(plugin);
  const fields = fieldsProblems(plugin);
  // The later rules read what the earlier ones vouch for.
  if (metadata.length > 0 || fields.length > 0)
    return [...of('metadata', metadata), ...of('fields', fields)];
  const fragment = fragmentCheck(plugin);
  return [
    ...of('fragment', fragment.problems),
    ...of('migrations', await migrationsCheck(plugin, fragment.model)),
    ...of('examples', await examplesProblems(plugin, options.accepts ?? [], options.refuses ?? [])),
  ];
}

/**
 * `checkConformance`, failing with a ConformanceError that lists every problem; for a test.
 *
 * @public
 */
export async function assertConformance(
  value: unknown,
  options: ConformanceOptions = {},
): Promise<void> {
  const problems = await checkConformance(value, options);
  if (problems.length > 0) throw new ConformanceError(problems);
}
