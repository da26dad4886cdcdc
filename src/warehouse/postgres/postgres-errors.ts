// Turns a failure to reach PostgreSQL into WarehouseUnavailableError, naming the server but never the password.
import { WarehouseUnavailableError } from '../warehouse-errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** `host:port/database` of a PostgreSQL URL: enough to find the server, nothing secret. */
export function describeServer(url: string): string {
  const parsed = new URL(url);
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  return `${host}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}

/**
 * True for errors that mean "the server is not there or will not talk to us" (network failures, connection
 * exceptions, shutdowns, rejected logins, a missing database) rather than a problem with the statement.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    if (code.startsWith('08') || code.startsWith('28') || code.startsWith('57P') || code === '3D000') return true;
  }
  return /Connection terminated|connection timeout|timeout expired/i.test(error.message);
}

export function unavailable(server: string, error: unknown): WarehouseUnavailableError {
  const reason = error instanceof Error ? error.message.split('\n', 1)[0] || error.name : String(error);
  return new WarehouseUnavailableError(
    `Cannot use PostgreSQL at ${server} (${reason}): check that the server is running and the warehouse URL is right`,
    { cause: error },
  );
}
