import { PGlite } from '@electric-sql/pglite';
import type { GraphQLResponse } from './service.js';

// What process tests read back: GraphQL at a URL (the service runs in another process) and the
// tables themselves, once it has stopped.

/** POSTs a GraphQL operation to a service at `url` (as its log names it, ending in /graphql). */
export async function graphqlAt<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** Every configuration id the service lists, page by page. */
export async function listedIds(url: string): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: GraphQLResponse<{
      dataOutputConfigurations: {
        nodes: Array<{ id: string }>;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    }> = await graphqlAt(
      url,
      'query($after: String) { dataOutputConfigurations(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    if (page.errors) throw new Error(`Listing failed: ${JSON.stringify(page.errors)}`);
    const connection = page.data?.dataOutputConfigurations;
    ids.push(...(connection?.nodes.map((node) => node.id) ?? []));
    if (!connection?.pageInfo.hasNextPage) return ids;
    after = connection.pageInfo.endCursor;
  }
}

export interface TableHealth {
  baseRows: number;
  glueRows: number;
  /** Base rows with no Glue row, and Glue rows with no base row. */
  halfWritten: number;
  /** Rows counted through the primary-key index, per table; equal to the counts above when healthy. */
  baseRowsByIndex: number;
  glueRowsByIndex: number;
}

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

async function count(query: Query, sql: string): Promise<number> {
  const [row] = await query(sql);
  return Number(row?.n);
}

const BY_INDEX = "WHERE id >= '00000000-0000-0000-0000-000000000000'::uuid";

/**
 * Counts the rows of the base and Glue tables by a sequential scan and by their primary-key index:
 * a healthy database agrees with itself and holds no half of a configuration.
 */
export async function tableHealth(query: Query): Promise<TableHealth> {
  await query('SET enable_indexscan = off');
  await query('SET enable_bitmapscan = off');
  await query('SET enable_indexonlyscan = off');
  const baseRows = await count(query, 'SELECT count(*) AS n FROM data_output_configurations');
  const glueRows = await count(query, 'SELECT count(*) AS n FROM glue_data_outputs');
  const halfWritten = await count(
    query,
    'SELECT count(*) AS n FROM data_output_configurations b FULL JOIN glue_data_outputs g USING (id) WHERE b.id IS NULL OR g.id IS NULL',
  );
  await query('RESET ALL');
  await query('SET enable_seqscan = off');
  const baseRowsByIndex = await count(
    query,
    `SELECT count(*) AS n FROM data_output_configurations ${BY_INDEX}`,
  );
  const glueRowsByIndex = await count(
    query,
    `SELECT count(*) AS n FROM glue_data_outputs ${BY_INDEX}`,
  );
  await query('RESET ALL');
  return { baseRows, glueRows, halfWritten, baseRowsByIndex, glueRowsByIndex };
}

/** `tableHealth` of a PGlite folder no process holds. */
export async function pgliteHealth(dir: string): Promise<TableHealth> {
  const db = await PGlite.create(dir);
  try {
    return await tableHealth(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await db.close();
  }
}
