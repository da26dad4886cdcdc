// The warehouse run over a real hub and a real DuckDB file: loads spanning many batches, fields that appear
// mid-load, values that do not fit, an id repeated across batches, and a second run that loads nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hub } from '../hub/hub.js';
import { DuckDBDestination } from '../warehouse/duckdb/duckdb-destination.js';
import { readDuckDBRows } from '../warehouse/testing/read-duckdb-rows.js';
import type { TableDef } from '../warehouse/table.js';
import { runWarehouse } from './warehouse-run.js';

const RECEIVED = '2026-11-30T12:00:00.000Z';

function message(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { sid: `SM${String(n).padStart(32, '0')}`, body: `body ${n}`, price: '-0.0075', date_sent: 'Mon, 30 Nov 2026 10:00:00 +0000', ...extra };
}

describe('runWarehouse', () => {
  let dir: string;
  let hub: Hub;
  let destination: DuckDBDestination;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warehouse-run-test-'));
    hub = await Hub.open(join(dir, 'hub'));
    destination = new DuckDBDestination(join(dir, 'warehouse.duckdb'));
  });
  afterEach(async () => {
    await destination.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (maxRowsPerLoad?: number) =>
    destination.withSession(() => runWarehouse({ hub, destination, schema: 'twilio', retentionMs: 0, ...(maxRowsPerLoad ? { maxRowsPerLoad } : {}) }));

  it('loads every batch, growing the table for fields that appear mid-load, the latest state of an id winning', async () => {
    const batches = [
      [message(1), message(2)],
      // A field Twilio adds later, inside what would otherwise be one load.
      [message(3, { tags: 'new' }), message(1, { body: 'body 1, later' })],
      // A value its column cannot hold: NULL there, verbatim in price_raw.
      [message(4, { price: 'n/a' }), message(5)],
      [message(2, { body: 'body 2, latest', tags: 'changed' })],
    ];
    for (const records of batches) await hub.append('messages', { accountSid: 'AC1', receivedAt: RECEIVED, records });

    const report = await run();
    const table = report.tables.find((entry) => entry.table === 'messages');
    expect(table?.batches).toBe(4);
    expect(report.notices).toEqual([expect.stringContaining('messages.price: a value did not fit')]);

    const def: TableDef = {
      schema: 'twilio',
      name: 'messages',
      columns: [{ name: 'id', type: 'text' }, { name: 'body', type: 'text' }, { name: 'price', type: 'double' }, { name: 'price_raw', type: 'text' }, { name: 'tags', type: 'text' }],
    };
    const rows = (await readDuckDBRows(destination.path, def)).map((row) => [row['id'], row['body'], row['price'], row['price_raw'], row['tags']]);
    expect(rows).toEqual([
      [message(1)['sid'], 'body 1, later', -0.0075, null, null],
      [message(2)['sid'], 'body 2, latest', -0.0075, null, 'changed'],
      [message(3)['sid'], 'body 3', -0.0075, null, 'new'],
      [message(4)['sid'], 'body 4', null, 'n/a', null],
      [message(5)['sid'], 'body 5', -0.0075, null, null],
    ]);
    expect(await destination.loadedSeqs('twilio')).toEqual(new Map([[hub.streamKey('messages'), 4]]));

    const again = await run();
    expect(again.tables.find((entry) => entry.table === 'messages')?.batches).toBe(0);
  });

  it('splits pending batches into loads of whole batches up to a bound, each recording the last batch it covers', async () => {
    for (let batch = 0; batch < 6; batch++) {
      const records = [message(batch * 2), message(batch * 2 + 1), message(0, { body: `body 0, batch ${batch}` })];
      await hub.append('messages', { accountSid: 'AC1', receivedAt: RECEIVED, records });
    }
    const seen: number[] = [];
    await destination.withSession(() =>
      runWarehouse({ hub, destination, schema: 'twilio', retentionMs: 0, maxRowsPerLoad: 7, onProgress: (_table, rows) => seen.push(rows) }),
    );
    // Two batches are six rows; a third would take a load past seven, so six batches make three loads.
    expect(seen).toHaveLength(3);
    const def: TableDef = { schema: 'twilio', name: 'messages', columns: [{ name: 'id', type: 'text' }, { name: 'body', type: 'text' }] };
    const rows = await readDuckDBRows(destination.path, def);
    expect(rows).toHaveLength(12);
    expect(rows[0]?.['body']).toBe('body 0, batch 5');
  });

  it('loads records of a megabyte of text in loads DuckDB holds within its memory limit, and replaces them', async () => {
    const text = (n: number, round: number): string => `${n} ${round} `.padEnd(1_000_000, 'x');
    const seen: number[] = [];
    for (const round of [1, 2]) {
      for (let batch = 0; batch < 5; batch++) {
        const records = Array.from({ length: 20 }, (_, i) => message(batch * 20 + i, { body: text(batch * 20 + i, round) }));
        await hub.append('messages', { accountSid: 'AC1', receivedAt: RECEIVED, records });
      }
      await destination.withSession(() => runWarehouse({ hub, destination, schema: 'twilio', retentionMs: 0, onProgress: (_table, rows) => seen.push(rows) }));
    }
    // 100 MB of text per round: more than one load holds.
    expect(seen.length).toBeGreaterThan(2);
    const def: TableDef = { schema: 'twilio', name: 'messages', columns: [{ name: 'id', type: 'text' }, { name: 'body', type: 'text' }] };
    const rows = await readDuckDBRows(destination.path, def);
    expect(rows.map((row) => String(row['body']).slice(0, 8))).toEqual(Array.from({ length: 100 }, (_, n) => `${n} 2 `.padEnd(8, 'x')));
  }, 120_000);
});
