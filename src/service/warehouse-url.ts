// Warehouse URLs as the service keeps them: DuckDB paths made absolute (one file, one spelling), and passwords masked
// for views, logs and the plaintext part of the store.
import { resolve } from 'node:path';
import { openDestination } from '../warehouse/open-destination.js';
import { InvalidInputError } from './source-service.js';

/** Checks the URL names a supported warehouse (without connecting) and returns its canonical spelling. */
export async function normalizeWarehouse(url: string): Promise<string> {
  const value = url.trim();
  try {
    await openDestination(value).close();
  } catch (error) {
    throw new InvalidInputError('warehouse', error instanceof Error ? error.message : String(error));
  }
  if (/^duckdb:/i.test(value)) return `duckdb:${resolve(value.slice('duckdb:'.length).replace(/^\/\/(?=\/|[^/])/, ''))}`;
  if (/\.duckdb$/i.test(value) && !value.includes('://')) return `duckdb:${resolve(value)}`;
  return value;
}

export function maskWarehouse(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, '$1***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** The DuckDB file a warehouse URL names, or null for PostgreSQL. */
export function duckdbPathOf(url: string): string | null {
  return url.startsWith('duckdb:') ? url.slice('duckdb:'.length) : null;
}
