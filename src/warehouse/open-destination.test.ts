// openDestination: picks the engine from the URL and explains a bad one in one line without leaking a password.
import { describe, expect, it } from 'vitest';
import { DuckDBDestination } from './duckdb/duckdb-destination.js';
import { openDestination } from './open-destination.js';
import { PostgresDestination } from './postgres/postgres-destination.js';
import { InvalidWarehouseUrlError } from './warehouse-errors.js';

describe('openDestination', () => {
  it('opens DuckDB for duckdb:PATH and for a path ending .duckdb', async () => {
    for (const [url, path] of [
      ['duckdb:/tmp/a.db', '/tmp/a.db'],
      ['duckdb:///tmp/b.duckdb', '/tmp/b.duckdb'],
      ['/tmp/c.duckdb', '/tmp/c.duckdb'],
    ] as const) {
      const destination = openDestination(url);
      expect(destination).toBeInstanceOf(DuckDBDestination);
      expect((destination as DuckDBDestination).path).toBe(path);
      await destination.close();
    }
  });

  it('opens PostgreSQL for postgres:// and postgresql:// without connecting yet', async () => {
    for (const url of ['postgres://u:secret@db.example:6543/warehouse', 'postgresql://u@127.0.0.1/test']) {
      const destination = openDestination(url);
      expect(destination).toBeInstanceOf(PostgresDestination);
      await destination.close();
    }
    const destination = openDestination('postgres://u:secret@db.example:6543/warehouse') as PostgresDestination;
    expect(destination.server).toBe('db.example:6543/warehouse');
    await destination.close();
  });

  it('refuses anything else with one line that shows the accepted forms and hides passwords', () => {
    for (const url of ['', 'duckdb:', 'mysql://u:secret@host/db', 'warehouse.db', 'postgres://u:secret@/db%']) {
      expect(() => openDestination(url)).toThrow(InvalidWarehouseUrlError);
    }
    expect(() => openDestination('mysql://u:secret@host/db')).toThrow(
      'Unsupported warehouse "mysql://u:***@host/db": use duckdb:PATH (or a path ending .duckdb) or postgres://USER@HOST:PORT/DATABASE',
    );
  });
});
