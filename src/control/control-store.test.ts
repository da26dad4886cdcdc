// The control store on both drivers: embedded PGlite files and PostgreSQL (TEST_DATABASE_URL), with the same SQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from '../warehouse/testing/postgres-test-url.js';
import { ControlStoreConflictError } from './control-errors.js';
import type { ControlStore } from './control-store.js';
import { migrate } from './migrate.js';
import { openControlStore } from './open-control-store.js';
import { sampleSealed, sampleSource } from './testing/sample-records.js';

interface Fixture {
  readonly store: ControlStore;
  readonly schema: string;
  dispose(): Promise<void>;
}

function describeStore(name: string, setup: () => Promise<Fixture>): void {
  describe(name, () => {
    let fx: Fixture;
    beforeAll(async () => {
      fx = await setup();
    });
    afterAll(async () => {
      await fx.dispose();
    });

    it('stores, reads, updates and deletes a source with its credentials', async () => {
      const { store } = fx;
      const source = sampleSource({ id: 'crud' });
      await store.insertSource(source, sampleSealed);
      expect(await store.getSource('crud')).toEqual(source);
      expect(await store.getCredentials('crud')).toEqual(sampleSealed);
      const changed = { ...source, name: 'Renamed', labels: { team: 'a' }, enabled: false, collections: ['messages' as const], updatedAt: new Date().toISOString() };
      await store.updateSource(changed, null);
      expect(await store.getSource('crud')).toEqual(changed);
      expect(await store.getCredentials('crud')).toEqual(sampleSealed);
      await store.updateSource(changed, { ...sampleSealed, keyId: 'k2' });
      expect((await store.getCredentials('crud'))?.keyId).toBe('k2');
      expect((await store.listSources()).map((s) => s.id)).toContain('crud');
      expect(await store.deleteSource('crud')).toBe(true);
      expect(await store.deleteSource('crud')).toBe(false);
      expect(await store.getSource('crud')).toBeNull();
      expect(await store.getCredentials('crud')).toBeNull();
    });

    it('refuses a schema already used in the same warehouse, allows it in another', async () => {
      const { store } = fx;
      await store.insertSource(sampleSource({ id: 'u1', schema: 'same' }), sampleSealed);
      await expect(store.insertSource(sampleSource({ id: 'u2', schema: 'same' }), sampleSealed)).rejects.toThrow(ControlStoreConflictError);
      expect(await store.getSource('u2')).toBeNull();
      await store.insertSource(sampleSource({ id: 'u3', schema: 'same', warehouse: 'duckdb:/tmp/other.duckdb' }), sampleSealed);
    });

    it('records runs with their stats, one running run per source, and totals', async () => {
      const { store } = fx;
      await store.insertSource(sampleSource({ id: 'r', schema: 'runs_here' }), sampleSealed);
      const base = { sourceId: 'r', trigger: 'manual', owner: 'host:1' };
      await store.insertRun({ ...base, id: 'run1', startedAt: '2026-01-01T00:00:00.000Z' });
      await expect(store.insertRun({ ...base, id: 'run2', startedAt: '2026-01-01T00:00:01.000Z' })).rejects.toThrow(ControlStoreConflictError);
      expect((await store.runningRuns()).map((run) => run.id)).toEqual(['run1']);
      const collections = [{ name: 'messages' as const, status: 'success' as const, records: 5, pages: 1, rowsLoaded: 5 }];
      const result = { status: 'success' as const, finishedAt: '2026-01-01T00:01:00.000Z', collections, notices: ['n'], error: null, requests: 7, retries: 2, rateLimited: 1 };
      await store.finishRun('run1', result);
      await store.insertRun({ ...base, id: 'run2', startedAt: '2026-01-01T01:00:00.000Z' });
      await store.finishRun('run2', { ...result, status: 'failed', error: 'boom', collections: [] });
      expect(await store.getRun('run1')).toEqual({ ...base, id: 'run1', startedAt: '2026-01-01T00:00:00.000Z', ...result });
      expect((await store.listRuns('r', 10)).map((run) => run.id)).toEqual(['run2', 'run1']);
      expect((await store.listRuns('r', 1)).map((run) => run.id)).toEqual(['run2']);
      expect((await store.lastRuns()).get('r')?.id).toBe('run2');
      const totals = await store.runTotals();
      expect(totals.runsByStatus.get('success')).toBe(1);
      expect(totals.runsByStatus.get('failed')).toBe(1);
      expect(totals.rowsByCollection.get('messages')).toBe(5);
      expect([totals.requests, totals.retries, totals.rateLimited]).toEqual([14, 4, 2]);
      await store.deleteSource('r');
      expect(await store.listRuns('r', 10)).toEqual([]);
    });

    it('migrations are recorded and applying them again changes nothing', async () => {
      expect(await migrate(fx.store.db, fx.schema)).toEqual([]);
      const rows = await fx.store.db.query(`SELECT version, name FROM ${fx.schema}.schema_migrations ORDER BY version`);
      expect(rows.map((row) => Number(row['version']))).toEqual([1]);
      const extra = { version: 2, name: 'test column', sql: 'ALTER TABLE sources ADD COLUMN test_extra text' };
      expect(await migrate(fx.store.db, fx.schema, [extra])).toEqual([2]);
      expect(await migrate(fx.store.db, fx.schema, [extra])).toEqual([]);
    });

    it('a failing migration leaves nothing half-applied', async () => {
      const broken = { version: 3, name: 'broken', sql: 'ALTER TABLE sources ADD COLUMN half text; SELECT no_such_function()' };
      await expect(migrate(fx.store.db, fx.schema, [broken])).rejects.toThrow();
      const columns = await fx.store.db.query("SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'sources' AND column_name = 'half'", [fx.schema]);
      expect(columns).toEqual([]);
    });
  });
}

describeStore('control store on embedded PGlite', async () => {
  const home = await mkdtemp(join(tmpdir(), 'twilio-source-store-'));
  const store = await openControlStore({ home, databaseUrl: null });
  return {
    store,
    schema: 'twilio_source_control',
    dispose: async () => {
      await store.close();
      await rm(home, { recursive: true, force: true });
    },
  };
});

describe.skipIf(skipPostgres)(postgresSuiteName('control store on PostgreSQL'), () => {
  describeStore('contract', async () => {
    const schema = uniqueSchema('ctl');
    const store = await openControlStore({ home: '/nonexistent', databaseUrl: postgresTestUrl ?? '', schema });
    return {
      store,
      schema,
      dispose: async () => {
        await store.close();
        const client = new pg.Client({ connectionString: postgresTestUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      },
    };
  });

  it('two processes opening at once apply the migrations once', async () => {
    const schema = uniqueSchema('ctl');
    const stores = await Promise.all([0, 1, 2].map(() => openControlStore({ home: '/nonexistent', databaseUrl: postgresTestUrl ?? '', schema })));
    try {
      const rows = await stores[0]?.db.query(`SELECT version FROM ${schema}.schema_migrations`);
      expect(rows?.length).toBe(1);
    } finally {
      for (const store of stores) await store.close();
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
