// PostgreSQL destination against TEST_DATABASE_URL: the shared contract, plus clear errors when the server is away.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { qualifiedName, quoteIdentifier } from '../identifiers.js';
import { describeDestinationContract, type EngineFixture } from '../testing/destination-contract.js';
import { normalizeCell } from '../testing/normalize-cell.js';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from '../testing/postgres-test-url.js';
import { WarehouseUnavailableError } from '../warehouse-errors.js';
import { PostgresDestination } from './postgres-destination.js';

async function postgresFixture(): Promise<EngineFixture> {
  const url = postgresTestUrl ?? '';
  const schema = uniqueSchema();
  const destination = new PostgresDestination(url, { poolSize: 2 });
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  return {
    destination,
    schema,
    readRows: async (table) => {
      const result = await reader.query<Record<string, unknown>>(`SELECT * FROM ${qualifiedName(table.schema, table.name)} ORDER BY "id"`);
      return result.rows.map((row) =>
        Object.fromEntries(table.columns.map((column) => [column.name, normalizeCell(row[column.name], column.type)])),
      );
    },
    dispose: async () => {
      await destination.close();
      await reader.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema, 'schema')} CASCADE`);
      await reader.end();
    },
  };
}

describe.skipIf(skipPostgres)(postgresSuiteName('PostgreSQL destination'), () => {
  describeDestinationContract('PostgreSQL', postgresFixture);

  it('reports an unreachable server as WarehouseUnavailableError naming host:port but not the password', async () => {
    const destination = new PostgresDestination('postgres://postgres:hunter2@127.0.0.1:1/test', { connectTimeoutMs: 5_000 });
    try {
      const attempt = destination.ensureTable({ schema: 'twilio', name: 'messages', columns: [{ name: 'id', type: 'text' }] });
      await expect(attempt).rejects.toThrow(WarehouseUnavailableError);
      await expect(attempt).rejects.toThrow(/^Cannot use PostgreSQL at 127\.0\.0\.1:1\/test \(.+\): check that the server/);
      await expect(attempt).rejects.not.toThrow(/hunter2/);
    } finally {
      await destination.close();
    }
  });

  it('reports a missing database as WarehouseUnavailableError', async () => {
    const url = new URL(postgresTestUrl ?? '');
    url.pathname = `/${uniqueSchema('missing')}`;
    const destination = new PostgresDestination(url.toString());
    try {
      await expect(destination.loadedSeqs('twilio')).rejects.toThrow(WarehouseUnavailableError);
    } finally {
      await destination.close();
    }
  });
});
