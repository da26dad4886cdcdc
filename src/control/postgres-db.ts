// The control database on a PostgreSQL server (DATABASE_URL), so several processes can share sources and runs.
import pg from 'pg';
import type { ControlDb, ControlParam, ControlQueries, ControlRow } from './control-db.js';
import { ControlStoreUnavailableError } from './control-errors.js';
import { translated } from './translate-error.js';

export function openPostgresDb(url: string, schema: string, poolSize = 4): ControlDb {
  // Every connection looks in the store's own schema first, so the same unqualified SQL runs on both drivers.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}`, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined); // an idle client's failure surfaces on the next query instead of crashing
  const server = describeServer(url);
  const connect = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n', 1)[0] ?? error.name) : String(error);
      throw new ControlStoreUnavailableError(`Cannot reach the control database at ${server} (${reason}): check DATABASE_URL and that the server is running`, { cause: error });
    }
  };
  const withClient = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  };
  return {
    engine: 'postgres',
    query: (sql, params) => withClient((client) => queriesOf(client).query(sql, params)),
    exec: (sql) => withClient((client) => queriesOf(client).exec(sql)),
    transaction: (work) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await work(queriesOf(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}

function queriesOf(client: pg.PoolClient): ControlQueries {
  return {
    query: <R extends ControlRow>(sql: string, params: readonly ControlParam[] = []) =>
      translated(async () => (await client.query<R>(sql, [...params])).rows),
    exec: (sql: string) => translated(async () => void (await client.query(sql))),
  };
}

/** `host:port/database`: enough to find the server, nothing secret. */
export function describeServer(url: string): string {
  if (!URL.canParse(url)) return 'an unparseable DATABASE_URL';
  const parsed = new URL(url);
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}
