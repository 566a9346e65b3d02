import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { type StaticResultsOptions, useStaticResults } from '../../src/graphql/static-results.js';

function setup(bounds: Omit<StaticResultsOptions, 'fields' | 'generation'> = {}) {
  const calls = { fixed: 0, byName: 0, live: 0, validations: 0 };
  const settings = { generation: 1 };
  const schema = createSchema({
    typeDefs: 'type Query { fixed: String! byName(name: String!): String! live: Int! }',
    resolvers: {
      Query: {
        fixed: () => `fixed #${++calls.fixed}`,
        byName: (_: unknown, { name }: { name: string }) => {
          calls.byName += 1;
          if (name === 'bad') throw new Error('bad name');
          return `hello ${name}`;
        },
        live: () => ++calls.live,
      },
    },
  });
  const yoga = createYoga({
    schema,
    plugins: [
      useStaticResults({
        fields: new Set(['fixed', 'byName']),
        generation: async () => settings.generation,
        ...bounds,
      }),
      {
        onValidate: () => {
          calls.validations += 1;
        },
      },
    ],
    logging: false,
    maskedErrors: false,
  });
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
  return { calls, settings, run };
}

describe('useStaticResults', () => {
  it('executes a query over static fields once and answers repeats from memory', async () => {
    const { calls, run } = setup();
    expect(await run('{ fixed }')).toEqual({ data: { fixed: 'fixed #1' } });
    expect(await run('{ fixed }')).toEqual({ data: { fixed: 'fixed #1' } });
    expect(calls.fixed).toBe(1);
  });

  it('keeps one result per set of variables', async () => {
    const { calls, run } = setup();
    const query = 'query($n: String!) { byName(name: $n) }';
    await run(query, { n: 'a' });
    await run(query, { n: 'b' });
    expect(await run(query, { n: 'a' })).toEqual({ data: { byName: 'hello a' } });
    expect(calls.byName).toBe(2);
  });

  it('never keeps a result with errors', async () => {
    const { calls, run } = setup();
    const first = await run('{ byName(name: "bad") }');
    expect(first.errors).toHaveLength(1);
    await run('{ byName(name: "bad") }');
    expect(calls.byName).toBe(2);
  });

  it('executes every time when a query also selects a field that can change, or only __typename', async () => {
    const { calls, run } = setup();
    expect(await run('{ fixed live }')).toEqual({ data: { fixed: 'fixed #1', live: 1 } });
    expect(await run('{ fixed live }')).toEqual({ data: { fixed: 'fixed #2', live: 2 } });
    await run('{ __typename }');
    await run('{ ... on Query { fixed } }');
    await run('{ ... on Query { fixed } }');
    expect(calls.fixed).toBe(4);
  });

  it('executes again once the generation moves, then caches the new answer', async () => {
    const { calls, settings, run } = setup();
    await run('{ fixed }');
    settings.generation = 2;
    expect(await run('{ fixed }')).toEqual({ data: { fixed: 'fixed #2' } });
    expect(await run('{ fixed }')).toEqual({ data: { fixed: 'fixed #2' } });
    expect(calls.fixed).toBe(2);
  });

  it('keys on the operation’s declared variables, coerced: undeclared ones and defaults change nothing', async () => {
    const { calls, run } = setup();
    const query = 'query($n: String! = "a") { byName(name: $n) }';
    for (let i = 0; i < 5; i += 1) {
      expect(await run(query, { n: 'a', undeclared: i })).toEqual({ data: { byName: 'hello a' } });
    }
    expect(await run(query)).toEqual({ data: { byName: 'hello a' } });
    expect(calls.byName).toBe(1);
  });

  it('holds at most maxEntries answers, dropping the least recently used', async () => {
    const { calls, run } = setup({ maxEntries: 2 });
    const query = 'query($n: String!) { byName(name: $n) }';
    for (const n of ['a', 'b', 'c']) await run(query, { n });
    expect(calls.byName).toBe(3);
    await run(query, { n: 'c' });
    await run(query, { n: 'b' });
    expect(calls.byName).toBe(3);
    await run(query, { n: 'a' });
    expect(calls.byName).toBe(4);
  });

  it('keeps no answer over maxEntrySize, and no more than maxSize in all', async () => {
    const { calls, run } = setup({ maxEntrySize: 200, maxSize: 200 });
    const query = 'query($n: String!) { byName(name: $n) }';
    const long = 'x'.repeat(300);
    await run(query, { n: long });
    await run(query, { n: long });
    expect(calls.byName).toBe(2);
    // Each answer is at least 29 characters of JSON ({"data":{"byName":"hello 0"}}), so 200
    // hold at most 6 of these 10: repeating all 10 executes at least 4 again.
    const names = Array.from({ length: 10 }, (_, i) => String(i));
    for (const n of names) await run(query, { n });
    const before = calls.byName;
    for (const n of names) await run(query, { n });
    expect(calls.byName - before).toBeGreaterThanOrEqual(4);
  });

  it('answers a query text it has seen before parsing or validating it again', async () => {
    const { calls, run } = setup();
    const query = 'query($n: String!) { byName(name: $n) }';
    await run(query, { n: 'a' });
    expect(calls.validations).toBe(1);
    expect(await run(query, { n: 'a', other: 1 })).toEqual({ data: { byName: 'hello a' } });
    expect(calls.validations).toBe(1);
    // Variables that do not coerce go the usual way, to the usual error.
    const invalid = await run(query, { n: 5 });
    expect(invalid.errors).toHaveLength(1);
    expect(calls.validations).toBe(2);
    expect(calls.byName).toBe(1);
  });
});
