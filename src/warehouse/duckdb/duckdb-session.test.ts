// DuckDBSession.query on a real file: statements run on DuckDB's worker (run-on-duckdb-thread.ts) and still return
// their rows, bind their parameters and report DuckDB's own error, whether preparing or executing fails.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuckDBSession } from './duckdb-session.js';

describe('DuckDBSession.query', () => {
  let dir: string;
  let session: DuckDBSession;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duckdb-session-test-'));
    session = await DuckDBSession.open(join(dir, 'w.duckdb'), { retries: 0, delayMs: 1 });
  });
  afterEach(async () => {
    session.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the rows of a statement that runs for a while, and binds parameters', async () => {
    expect(await session.query('SELECT sum(i) AS total FROM range(20000000) t(i)')).toEqual([{ total: 199999990000000n }]);
    expect(await session.query('SELECT $1::INTEGER + 1 AS n, $2 AS s', [41, 'a'])).toEqual([{ n: 42, s: 'a' }]);
  });

  it("reports DuckDB's error when a statement fails to prepare or to execute, and goes on working", async () => {
    await expect(session.query('SELECT * FROM nowhere')).rejects.toThrow(/Table with name nowhere does not exist/);
    await expect(session.query("SELECT CAST('x' AS INTEGER)")).rejects.toThrow(/Could not convert string 'x' to INT32/);
    await session.query('CREATE TABLE t (id INTEGER)');
    await expect(
      session.transaction(async () => {
        await session.query('INSERT INTO t VALUES (1)');
        await session.query("INSERT INTO t VALUES (CAST('y' AS INTEGER))");
      }),
    ).rejects.toThrow(/Could not convert string 'y'/);
    expect(await session.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 0n }]);
  });
});
