// Benchmark (not a test): warehouse load rows/s for a messages-like table. Run: npm run build && node dist/bench/warehouse-load.js
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDestination } from '../warehouse/open-destination.js';
import type { Destination } from '../warehouse/destination.js';
import type { Column, Row, TableDef } from '../warehouse/table.js';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const BATCH = Number(process.env['BENCH_BATCH'] ?? 1000);
/** Optional: also measure PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/test (a scratch schema is used). */
const POSTGRES_URL = process.env['BENCH_DATABASE_URL'];

const text = (name: string): Column => ({ name, type: 'text' });
const columns: Column[] = [
  ...['id', 'account_sid', 'api_version', 'body', 'direction', 'error_message', 'from', 'messaging_service_sid'].map(text),
  ...['price_unit', 'status', 'subresource_uris_media', 'subresource_uris_feedback', 'to', 'uri'].map(text),
  { name: 'date_created', type: 'timestamptz' },
  { name: 'date_sent', type: 'timestamptz' },
  { name: 'date_updated', type: 'timestamptz' },
  { name: 'error_code', type: 'bigint' },
  { name: 'num_media', type: 'bigint' },
  { name: 'num_segments', type: 'bigint' },
  { name: 'price', type: 'double' },
  { name: 'received_at', type: 'timestamptz' },
  { name: 'uuid_ts', type: 'timestamptz' },
];

function message(index: number, status: string): Row {
  const sid = `SM${index.toString(16).padStart(32, '0')}`;
  const account = `AC${'a'.repeat(32)}`;
  const sent = new Date(Date.UTC(2026, 0, 1) + index * 1000).toISOString();
  return {
    id: sid, account_sid: account, api_version: '2010-04-01', body: `Your code is ${index % 1_000_000} 😀`,
    direction: 'outbound-api', error_message: null, from: '+12019235161', messaging_service_sid: `MG${'b'.repeat(32)}`,
    price_unit: 'USD', status, subresource_uris_media: `/2010-04-01/Accounts/${account}/Messages/${sid}/Media.json`,
    subresource_uris_feedback: `/2010-04-01/Accounts/${account}/Messages/${sid}/Feedback.json`, to: '+18182008801',
    uri: `/2010-04-01/Accounts/${account}/Messages/${sid}.json`, date_created: sent, date_sent: sent, date_updated: sent,
    error_code: null, num_media: 0, num_segments: 1, price: -0.0075, received_at: sent, uuid_ts: sent,
  };
}

/**
 * Loads every row in batches within one session (as a warehouse run does). Returns rows per wall-clock second and
 * per second of this process's CPU time: on a shared machine the second figure is the steadier of the two.
 */
async function loadAll(destination: Destination, table: TableDef, status: string, firstSeq: number): Promise<string> {
  // Built before the clock starts: the figure is the warehouse's, not this generator's.
  const batches: Row[][] = [];
  for (let start = 0; start < ROWS; start += BATCH) {
    batches.push(Array.from({ length: Math.min(BATCH, ROWS - start) }, (_, i) => message(start + i, status)));
  }
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const run = async (): Promise<void> => {
    for (const [index, rows] of batches.entries()) await destination.load(table, rows, { stream: 'messages', seq: firstSeq + index });
  };
  await (destination.withSession ? destination.withSession(run) : run());
  const cpu = process.cpuUsage(cpuBefore);
  const wall = Math.round(ROWS / ((performance.now() - started) / 1000));
  return `${wall} rows/s (${Math.round(ROWS / ((cpu.user + cpu.system) / 1e6))} rows per CPU-second)`;
}

async function bench(label: string, url: string, schema: string): Promise<void> {
  const destination = openDestination(url);
  const table: TableDef = { schema, name: 'messages', columns };
  try {
    await destination.ensureTable(table);
    const inserted = await loadAll(destination, table, 'sent', 1);
    const updated = await loadAll(destination, table, 'delivered', 1_000_000);
    console.log(`${label}: ${ROWS} rows x ${columns.length} columns in batches of ${BATCH}: insert ${inserted}, upsert of existing rows ${updated}`);
  } finally {
    await destination.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'bench-warehouse-'));
try {
  await bench('duckdb', `duckdb:${join(dir, 'bench.duckdb')}`, 'bench');
  if (POSTGRES_URL !== undefined) {
    const schema = `bench_${process.pid}`;
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      await bench('postgres', POSTGRES_URL, schema);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
