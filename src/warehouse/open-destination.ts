// Picks the warehouse engine from a `--warehouse` value: `duckdb:PATH`, a path ending `.duckdb`, or `postgres://…`.
import type { Destination } from './destination.js';
import { DuckDBDestination, type DuckDBOptions } from './duckdb/duckdb-destination.js';
import { PostgresDestination, type PostgresOptions } from './postgres/postgres-destination.js';
import { InvalidWarehouseUrlError } from './warehouse-errors.js';

export type OpenDestinationOptions = DuckDBOptions & PostgresOptions;

const USAGE = 'use duckdb:PATH (or a path ending .duckdb) or postgres://USER@HOST:PORT/DATABASE';

/** Opens nothing yet: DuckDB opens its file per operation and PostgreSQL's pool connects on first use. */
export function openDestination(url: string, options: OpenDestinationOptions = {}): Destination {
  const value = url.trim();
  if (/^duckdb:/i.test(value)) {
    // `duckdb:///abs/path` and `duckdb://rel/path` are read as the paths after the slashes, `duckdb:x.db` as x.db.
    const path = value.slice('duckdb:'.length).replace(/^\/\/(?=\/|[^/])/, '');
    if (path === '' || path === ':memory:') {
      throw new InvalidWarehouseUrlError(`Warehouse "${value}" names no DuckDB file: ${USAGE}`);
    }
    return new DuckDBDestination(path, options);
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (!namesAServer(value)) {
      throw new InvalidWarehouseUrlError(`Warehouse URL "${redact(value)}" is not a valid PostgreSQL URL: ${USAGE}`);
    }
    return new PostgresDestination(value, options);
  }
  if (/\.duckdb$/i.test(value) && !value.includes('://')) return new DuckDBDestination(value, options);
  throw new InvalidWarehouseUrlError(`Unsupported warehouse "${redact(value)}": ${USAGE}`);
}

/** A parseable URL with a host, in the authority or (for a Unix socket) as a `host` parameter. */
function namesAServer(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const parsed = new URL(value);
  return parsed.hostname !== '' || parsed.searchParams.has('host');
}

/** Hides a password in a URL-like value so it never reaches an error message or a log. */
function redact(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@');
}
