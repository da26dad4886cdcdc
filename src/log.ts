// The one logger. Secrets are redacted here, at the single choke point every log line passes through.
import { pino, type Logger } from 'pino';

// Warehouse and database URLs may carry a password, so they are redacted whole.
const SECRET_KEYS = ['authToken', 'auth_token', 'apiSecret', 'api_secret', 'password', 'secret', 'token', 'authorization', 'warehouse', 'databaseUrl', 'connectionString', 'adminToken'];

/** Two levels deep: `{ settings: { source: { authToken } } }` is as redacted as `{ authToken }`. */
export const redactPaths = [...SECRET_KEYS, ...SECRET_KEYS.map((key) => `*.${key}`), ...SECRET_KEYS.map((key) => `*.*.${key}`)];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    { level: options.level ?? process.env['LOG_LEVEL'] ?? 'info', redact: { paths: redactPaths, censor: '[redacted]' } },
    options.destination ?? process.stderr,
  );
}

export type { Logger };
