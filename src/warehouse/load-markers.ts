// The bookkeeping table that records, per stream, the highest hub batch loaded into a schema.
import { qualifiedName, validateIdentifier } from './identifiers.js';
import type { LoadMarker } from './destination.js';
import type { SqlSession } from './sql-session.js';

/** One row per stream; its name starts with `_` so it cannot clash with a collection's table. */
export const LOADS_TABLE = '_twilio_source_loads';

export async function createLoadsTable(session: SqlSession, schema: string): Promise<void> {
  await session.query(
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(schema, LOADS_TABLE, session.catalog)}
     (stream TEXT PRIMARY KEY, seq BIGINT NOT NULL, loaded_at TIMESTAMPTZ NOT NULL)`,
  );
}

/** Records the marker; a stream's seq only ever grows, so replaying an older batch cannot move it back. */
export async function recordLoad(session: SqlSession, schema: string, marker: LoadMarker): Promise<void> {
  await session.query(
    `INSERT INTO ${qualifiedName(schema, LOADS_TABLE, session.catalog)} AS m (stream, seq, loaded_at) VALUES ($1, $2, now())
     ON CONFLICT (stream) DO UPDATE SET seq = greatest(m.seq, excluded.seq), loaded_at = excluded.loaded_at`,
    [marker.stream, marker.seq],
  );
}

/** The highest loaded seq per stream; empty when the schema or the loads table does not exist yet. */
export async function loadedSeqsIn(session: SqlSession, schema: string): Promise<Map<string, number>> {
  validateIdentifier(schema, 'schema');
  const found = await session.query(
    'SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database() AND table_schema = $1 AND table_name = $2',
    [schema, LOADS_TABLE],
  );
  if (found.length === 0) return new Map();
  const rows = await session.query(`SELECT stream, seq FROM ${qualifiedName(schema, LOADS_TABLE, session.catalog)}`);
  return new Map(rows.map((row) => [String(row['stream']), Number(row['seq'])]));
}
