import { expect, it } from 'vitest';
import { type CommandRun, describeRun, type RunningService } from './scratch-project.js';

// What the end-to-end tests share: GraphQL over HTTP to a service process, command results, and
// steps that build on each other.

export interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; issues?: Array<{ path: unknown[]; message: string }> };
  }>;
}

export async function graphql<T>(
  service: RunningService,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLAnswer<T>> {
  const response = await fetch(service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLAnswer<T>;
}

/** Data must come back without errors; the service's logs explain a failure. */
export async function ok<T>(
  service: RunningService,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const answer = await graphql<T>(service, query, variables);
  expect(
    answer.errors,
    `${JSON.stringify(answer.errors)}\n--- service output\n${service.logs()}`,
  ).toBeUndefined();
  return answer.data as T;
}

export function expectSuccess(run: CommandRun): void {
  expect(run.code, describeRun(run)).toBe(0);
}

/** The JSON a script printed after npm's header lines (`> plugins:inspect`, the command). */
export function jsonAfterHeader<T>(run: CommandRun): T {
  const start = run.stdout.indexOf('\n{');
  expect(start, `no JSON in the output\n${describeRun(run)}`).toBeGreaterThanOrEqual(0);
  return JSON.parse(run.stdout.slice(start + 1)) as T;
}

/**
 * Steps that build on each other: once one fails, the later ones are skipped (they would only
 * fail too), naming the step that failed.
 */
export function sequentialSteps() {
  let failedStep: string | undefined;
  return (name: string, body: () => Promise<void>) =>
    it(name, async ({ skip }) => {
      if (failedStep !== undefined) skip(`the step "${failedStep}" failed`);
      try {
        await body();
      } catch (error) {
        failedStep = name;
        throw error;
      }
    });
}
