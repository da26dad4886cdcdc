// DuckDB's thread: statements and their errors come back from the worker, and the worker never decides when the
// process exits (it neither holds an idle process open nor lets one exit while a statement runs).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDuckDBFile, openDuckDBFile } from './duckdb-thread.js';

const run = promisify(execFile);
const BUILT = pathToFileURL(join(import.meta.dirname, '../../../dist/warehouse/duckdb/duckdb-thread.js')).href;

describe('DuckDB thread', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duckdb-thread-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs statements with parameters on a file it created and returns plain values', async () => {
    const path = join(dir, 'a.duckdb');
    await createDuckDBFile(path);
    const file = await openDuckDBFile(path);
    try {
      await file.query('CREATE TABLE t (id VARCHAR, n BIGINT, seen TIMESTAMPTZ, ok BOOLEAN)');
      await file.query("INSERT INTO t VALUES ($1, $2, TIMESTAMPTZ '2026-01-02 03:04:05+00', true)", ['x', 7]);
      expect(await file.query('SELECT * FROM t')).toEqual([{ id: 'x', n: 7n, seen: new Date('2026-01-02T03:04:05Z'), ok: true }]);
    } finally {
      await file.close();
    }
  });

  it("rejects with DuckDB's own message and keeps the file usable; two files run side by side", async () => {
    const [first, second] = await Promise.all(['b.duckdb', 'c.duckdb'].map(async (name) => {
      await createDuckDBFile(join(dir, name));
      return openDuckDBFile(join(dir, name));
    }));
    try {
      await expect(first!.query('SELECT * FROM missing')).rejects.toThrow(/Table with name missing does not exist/);
      const [a, b] = await Promise.all([first!.query('SELECT 1 AS n'), second!.query('SELECT 2 AS n')]);
      expect([a, b]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  it('keeps the process alive while a statement runs and lets it exit once idle', async () => {
    const path = join(dir, 'd.duckdb');
    // Top-level awaits only: a worker that let go of the process mid-statement would end it with exit code 13.
    const script = `
      const { createDuckDBFile, openDuckDBFile } = await import(${JSON.stringify(BUILT)});
      await createDuckDBFile(${JSON.stringify(path)});
      const file = await openDuckDBFile(${JSON.stringify(path)});
      const rows = await file.query('SELECT count(*) AS n FROM range(3000000) t(x) WHERE x % 7 = 0');
      await file.close();
      console.log(String(rows[0].n));`;
    await writeFile(join(dir, 'script.mjs'), script);
    const { stdout } = await run(process.execPath, [join(dir, 'script.mjs')], { timeout: 60_000 });
    expect(stdout.trim()).toBe('428572');
  });
});
