// Integration with PostgreSQL: the emulator synced into a real server, compared with the truth, through outages.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allTables, expectWarehouseMatchesTruth, startHarness, type Harness } from '../test-support/sync-harness.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from '../warehouse/testing/postgres-test-url.js';
import { runFlush } from './run-flush.js';
import { runSync } from './run-sync.js';

let harness: Harness;
let schema: string;
let proxy: TcpProxy;
const url = postgresTestUrl ?? '';

describe.skipIf(skipPostgres)(postgresSuiteName('sync into PostgreSQL'), () => {
  let proxied: string;
  beforeAll(async () => {
    const target = new URL(url);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    target.host = `127.0.0.1:${proxy.port}`;
    proxied = target.toString();
  });
  afterAll(async () => {
    await proxy.close();
  });
  beforeEach(async () => {
    harness = await startHarness();
    schema = uniqueSchema('sync');
  });
  afterEach(async () => {
    await harness.close();
    await proxy.up().catch(() => undefined);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('full and incremental syncs equal the truth', async () => {
    expect((await runSync(harness.settings({ warehouse: url, schema }), harness.home)).status).toBe('success');
    await expectWarehouseMatchesTruth(harness, allTables, schema, url);
    harness.emulator.data.advance(86_400_000);
    expect((await runSync(harness.settings({ warehouse: url, schema }), harness.home)).status).toBe('success');
    await expectWarehouseMatchesTruth(harness, allTables, schema, url);
  });

  it('while PostgreSQL is down, source runs go on filling the hub; once it is back the next warehouse run loads everything', async () => {
    await proxy.down();
    const settings = harness.settings({ warehouse: proxied, schema });
    const first = await runSync(settings, harness.home);
    expect(first.status).toBe('partial');
    expect(first.warehouseError).toMatch(/PostgreSQL/);
    expect(first.collections.every((c) => c.status === 'success' && c.records > 0)).toBe(true);

    harness.emulator.data.advance(86_400_000);
    const second = await runSync(settings, harness.home);
    expect(second.status).toBe('partial');

    await proxy.up();
    const flush = await runFlush({ warehouse: proxied, schema, home: harness.home });
    expect(flush.error).toBeUndefined();
    await expectWarehouseMatchesTruth(harness, allTables, schema, url);
  });
});
