// Reads what the overview and metrics need from a warehouse: rows per table and the hub batches loaded per stream.
// DuckDB is opened READ_ONLY and closed right after, so it holds the file no longer than a glance.
import { existsSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { qualifiedName, validateIdentifier } from '../warehouse/identifiers.js';
import { LOADS_TABLE } from '../warehouse/load-markers.js';
import { duckdbPathOf } from './warehouse-url.js';

export interface WarehouseStats {
  /** Rows per table now; a table not created yet is absent. */
  readonly rows: ReadonlyMap<string, number>;
  /** The highest hub batch loaded per stream key. */
  readonly loaded: ReadonlyMap<string, number>;
}

type Query = (sql: string, params?: readonly string[]) => Promise<Record<string, unknown>[]>;

export async function readWarehouseStats(url: string, schema: string, tables: readonly string[]): Promise<WarehouseStats> {
  validateIdentifier(schema, 'schema');
  const path = duckdbPathOf(url);
  if (path !== null) {
    if (!existsSync(path)) return { rows: new Map(), loaded: new Map() };
    const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    try {
      const connection = await instance.connect();
      try {
        const query: Query = async (sql, params) => (await connection.runAndReadAll(sql, params ? [...params] : undefined)).getRowObjects();
        const catalog = String((await query('SELECT current_database() AS name'))[0]?.['name']);
        return await readStats(query, schema, tables, catalog);
      } finally {
        connection.closeSync();
      }
    } finally {
      instance.closeSync();
    }
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await readStats(async (sql, params) => (await client.query(sql, params ? [...params] : [])).rows as Record<string, unknown>[], schema, tables);
  } finally {
    await client.end();
  }
}

async function readStats(query: Query, schema: string, tables: readonly string[], catalog?: string): Promise<WarehouseStats> {
  const existing = new Set(
    (await query('SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $1', [schema])).map((row) =>
      String(row['table_name']),
    ),
  );
  const rows = new Map<string, number>();
  for (const table of tables) {
    if (!existing.has(table)) continue;
    const [row] = await query(`SELECT count(*) AS n FROM ${qualifiedName(schema, table, catalog)}`);
    rows.set(table, Number(row?.['n'] ?? 0));
  }
  const loaded = new Map<string, number>();
  if (existing.has(LOADS_TABLE)) {
    for (const row of await query(`SELECT stream, seq FROM ${qualifiedName(schema, LOADS_TABLE, catalog)}`)) loaded.set(String(row['stream']), Number(row['seq']));
  }
  return { rows, loaded };
}
