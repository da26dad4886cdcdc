// DuckDB destination on real files in a temp dir: the shared contract, plus the file being free between operations.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TableDef } from '../table.js';
import { describeDestinationContract, messageColumns, type EngineFixture } from '../testing/destination-contract.js';
import { holdDuckDBFile, openableElsewhere } from '../testing/duckdb-process.js';
import { readDuckDBRows } from '../testing/read-duckdb-rows.js';
import { WarehouseBusyError } from '../warehouse-errors.js';
import { DuckDBDestination } from './duckdb-destination.js';

async function duckdbFixture(): Promise<EngineFixture & { path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'warehouse-duckdb-test-'));
  // Named like its schema on purpose: DuckDB then has a catalog and a schema both called twilio.
  const path = join(dir, 'nested', 'twilio.duckdb');
  const destination = new DuckDBDestination(path, { busyRetries: 2, busyRetryDelayMs: 20 });
  return {
    path,
    destination,
    schema: 'twilio',
    readRows: (table) => readDuckDBRows(path, table),
    dispose: async () => {
      await destination.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describeDestinationContract('DuckDB', duckdbFixture);

describe('DuckDB file sharing', () => {
  let fx: EngineFixture & { path: string };
  let messages: TableDef;
  beforeEach(async () => {
    fx = await duckdbFixture();
    messages = { schema: fx.schema, name: 'messages', columns: messageColumns };
  });
  afterEach(async () => {
    await fx.dispose();
  });

  it('does not hold the file between operations, so another process can open it', async () => {
    await fx.destination.ensureTable(messages);
    expect(await openableElsewhere(fx.path)).toBe(true);
    await fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 1 });
    expect(await openableElsewhere(fx.path)).toBe(true);
    expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map([['messages', 1]]));
    expect(await openableElsewhere(fx.path)).toBe(true);
  });

  it('makes a new file under a temporary name and links it into place, leaving a crashed attempt\'s temp behind', async () => {
    const folder = dirname(fx.path);
    // What a process killed while making the file leaves: only its temporary file, never a half-made warehouse.
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `.${basename(fx.path)}.creating-1`), 'half written');
    await fx.destination.ensureTable(messages);
    expect(await openableElsewhere(fx.path)).toBe(true);
    expect((await readdir(folder)).filter((name) => name.includes(`creating-${process.pid}`))).toEqual([]);
  });

  it('holds the file for the whole of withSession and frees it afterwards', async () => {
    const held = await fx.destination.withSession!(async () => {
      await fx.destination.ensureTable(messages);
      await Promise.all([
        fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 1 }),
        fx.destination.load(messages, [{ id: 'SM2' }], { stream: 'messages', seq: 2 }),
      ]);
      return openableElsewhere(fx.path);
    });
    expect(held).toBe(false);
    expect(await openableElsewhere(fx.path)).toBe(true);
    expect((await fx.readRows(messages)).map((r) => r['id'])).toEqual(['SM1', 'SM2']);
  });

  it('retries while another process holds the file, then says it is busy; works once released', async () => {
    await fx.destination.ensureTable(messages);
    const other = await holdDuckDBFile(fx.path);
    try {
      expect(other.outcome).toBe('opened');
      const attempt = fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 1 });
      await expect(attempt).rejects.toThrow(WarehouseBusyError);
      await expect(attempt).rejects.toThrow(/is in use by another process \(PID \d+\)/);
    } finally {
      await other.release();
    }
    await fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 1 });
    expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map([['messages', 1]]));
  });

  it('answers loadedSeqs for a file that does not exist yet without creating it', async () => {
    expect(await fx.destination.loadedSeqs('twilio')).toEqual(new Map());
    expect(existsSync(fx.path)).toBe(false);
  });
});
