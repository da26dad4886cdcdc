// One TableDef drives both engines: the same columns, the same types and, after the same loads, the same rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DuckDBDestination } from './duckdb/duckdb-destination.js';
import { quoteIdentifier } from './identifiers.js';
import { PostgresDestination } from './postgres/postgres-destination.js';
import type { Column, Row, TableDef } from './table.js';
import { messageColumns } from './testing/destination-contract.js';
import { normalizeCell } from './testing/normalize-cell.js';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from './testing/postgres-test-url.js';
import { readDuckDBRows } from './testing/read-duckdb-rows.js';

const batches: Row[][] = [
  [{ id: 'SM1', from: '+1', body: 'a\tb', price: -0.0075, date_sent: '2019-05-24T17:44:46Z', tags: '["x"]' }, { id: 'SM2', body: '' }],
  [{ id: 'SM2', body: 'updated 😀', is_test: true, num_segments: 3, error_code: 30004 }],
];

describe.skipIf(skipPostgres)(postgresSuiteName('DuckDB and PostgreSQL parity'), () => {
  it('create, evolve and load the same table identically in both engines', async () => {
    const url = postgresTestUrl ?? '';
    const schema = uniqueSchema();
    const dir = await mkdtemp(join(tmpdir(), 'warehouse-parity-'));
    const duck = new DuckDBDestination(join(dir, 'w.duckdb'));
    const postgres = new PostgresDestination(url, { poolSize: 1 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const first: TableDef = { schema, name: 'messages', columns: messageColumns };
      const evolved: TableDef = { ...first, columns: [...messageColumns, { name: 'error_code', type: 'bigint' }] };
      const results: { columns: readonly Column[][]; rows: unknown[] }[] = [];
      for (const destination of [duck, postgres]) {
        const columns = [await destination.ensureTable(first), await destination.ensureTable(evolved)].map((c) => [...c]);
        await destination.load(first, batches[0] ?? [], { stream: 'messages', seq: 1 });
        await destination.load(evolved, batches[1] ?? [], { stream: 'messages', seq: 2 });
        const rows =
          destination === duck
            ? await readDuckDBRows(duck.path, evolved)
            : (await client.query<Record<string, unknown>>(`SELECT * FROM ${quoteIdentifier(schema, 'schema')}."messages" ORDER BY "id"`)).rows.map(
                (row) => Object.fromEntries(evolved.columns.map((c) => [c.name, normalizeCell(row[c.name], c.type)])),
              );
        results.push({ columns, rows });
        expect(await destination.loadedSeqs(schema)).toEqual(new Map([['messages', 2]]));
      }
      expect(results[0]).toEqual(results[1]);
      expect(results[0]?.columns[1]).toEqual(evolved.columns);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema, 'schema')} CASCADE`);
      await client.end();
      await postgres.close();
      await duck.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
