// Reading rows per table and loaded batches from both warehouse engines, without creating anything.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { Destination } from '../warehouse/destination.js';
import { openDestination } from '../warehouse/open-destination.js';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from '../warehouse/testing/postgres-test-url.js';
import { readWarehouseStats } from './warehouse-stats.js';

async function fill(destination: Destination, schema: string): Promise<void> {
  const table = { schema, name: 'messages', columns: [{ name: 'id', type: 'text' as const }] };
  await destination.ensureTable(table);
  await destination.load(table, [{ id: 'SM1' }, { id: 'SM2' }, { id: 'SM3' }], { stream: 'hub1.messages', seq: 4 });
}

describe('readWarehouseStats', () => {
  it('DuckDB: counts rows and reads loaded batches; a missing file stays missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'twilio-source-stats-'));
    try {
      const path = join(dir, 'w.duckdb');
      expect(await readWarehouseStats(`duckdb:${path}`, 'twilio', ['messages'])).toEqual({ rows: new Map(), loaded: new Map() });
      expect(existsSync(path)).toBe(false);
      await fill(openDestination(`duckdb:${path}`), 'twilio');
      const stats = await readWarehouseStats(`duckdb:${path}`, 'twilio', ['messages', 'calls']);
      expect(stats).toEqual({ rows: new Map([['messages', 3]]), loaded: new Map([['hub1.messages', 4]]) });
      expect(await readWarehouseStats(`duckdb:${path}`, 'other', ['messages'])).toEqual({ rows: new Map(), loaded: new Map() });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(skipPostgres)(postgresSuiteName('PostgreSQL: counts rows and reads loaded batches'), async () => {
    const url = postgresTestUrl ?? '';
    const schema = uniqueSchema('stats');
    const destination = openDestination(url);
    try {
      await fill(destination, schema);
      expect(await readWarehouseStats(url, schema, ['messages', 'calls'])).toEqual({ rows: new Map([['messages', 3]]), loaded: new Map([['hub1.messages', 4]]) });
    } finally {
      await destination.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
