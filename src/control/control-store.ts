// The control store: sources, their sealed credentials, runs and per-run stats, over either driver.
import type { ControlDb } from './control-db.js';
import {
  runFromRow,
  sourceColumns,
  sourceFromRow,
  sourceParams,
  type RunRecord,
  type RunResult,
  type SealedRecord,
  type SourceRecord,
} from './store-records.js';

const placeholders = (count: number, from = 1): string => Array.from({ length: count }, (_, index) => `$${index + from}`).join(', ');
const sourceValues = `${placeholders(2)}, $3::jsonb, ${placeholders(8, 4)}, $12::jsonb, ${placeholders(7, 13)}`;
const sourceAssignments = sourceColumns
  .split(', ')
  .slice(1)
  .map((column, index) => `${column} = $${index + 2}${column === 'labels' || column === 'collections' ? '::jsonb' : ''}`)
  .join(', ');

/** Totals over every stored run, for the metrics a new process starts from. */
export interface RunTotals {
  readonly runsByStatus: ReadonlyMap<string, number>;
  readonly rowsByCollection: ReadonlyMap<string, number>;
  readonly requests: number;
  readonly retries: number;
  readonly rateLimited: number;
}

export class ControlStore {
  constructor(readonly db: ControlDb) {}

  async listSources(): Promise<SourceRecord[]> {
    return (await this.db.query(`SELECT ${sourceColumns} FROM sources ORDER BY created_at, id`)).map(sourceFromRow);
  }

  async getSource(id: string): Promise<SourceRecord | null> {
    const [row] = await this.db.query(`SELECT ${sourceColumns} FROM sources WHERE id = $1`, [id]);
    return row ? sourceFromRow(row) : null;
  }

  /** Throws ControlStoreConflictError when the schema is already used in that warehouse. */
  async insertSource(source: SourceRecord, sealed: SealedRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO sources (${sourceColumns}) VALUES (${sourceValues})`, sourceParams(source));
      await tx.query('INSERT INTO credentials (source_id, key_id, iv, tag, ciphertext) VALUES ($1, $2, $3, $4, $5)', [source.id, ...sealedParams(sealed)]);
    });
  }

  /** Replaces the source's settings, and its credentials when `sealed` is given. */
  async updateSource(source: SourceRecord, sealed: SealedRecord | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`UPDATE sources SET ${sourceAssignments} WHERE id = $1`, sourceParams(source));
      if (sealed) {
        await tx.query('UPDATE credentials SET key_id = $2, iv = $3, tag = $4, ciphertext = $5 WHERE source_id = $1', [source.id, ...sealedParams(sealed)]);
      }
    });
  }

  /** Deletes the source with its credentials and runs; false when there was none. */
  async deleteSource(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM sources WHERE id = $1 RETURNING id', [id])).length > 0;
  }

  async getCredentials(sourceId: string): Promise<SealedRecord | null> {
    const [row] = await this.db.query('SELECT key_id, iv, tag, ciphertext FROM credentials WHERE source_id = $1', [sourceId]);
    if (!row) return null;
    return { keyId: String(row['key_id']), iv: String(row['iv']), tag: String(row['tag']), ciphertext: String(row['ciphertext']) };
  }

  /** Records a run as running; throws ControlStoreConflictError when the source already has a running run. */
  async insertRun(run: Pick<RunRecord, 'id' | 'sourceId' | 'trigger' | 'owner' | 'startedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO runs (id, source_id, trigger, status, owner, started_at, collections, notices) VALUES ($1, $2, $3, 'running', $4, $5, '[]', '[]')`,
      [run.id, run.sourceId, run.trigger, run.owner, run.startedAt],
    );
  }

  async finishRun(id: string, result: RunResult): Promise<void> {
    await this.db.query(
      `UPDATE runs SET status = $2, finished_at = $3, collections = $4::jsonb, notices = $5::jsonb, error = $6, requests = $7, retries = $8, rate_limited = $9
       WHERE id = $1`,
      [id, result.status, result.finishedAt, JSON.stringify(result.collections), JSON.stringify(result.notices), result.error, result.requests, result.retries, result.rateLimited],
    );
  }

  async getRun(id: string): Promise<RunRecord | null> {
    const [row] = await this.db.query('SELECT * FROM runs WHERE id = $1', [id]);
    return row ? runFromRow(row) : null;
  }

  /** Newest first; every source's when `sourceId` is null. */
  async listRuns(sourceId: string | null, limit: number): Promise<RunRecord[]> {
    const rows =
      sourceId === null
        ? await this.db.query('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT $1', [limit])
        : await this.db.query('SELECT * FROM runs WHERE source_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2', [sourceId, limit]);
    return rows.map(runFromRow);
  }

  /** The latest run of every source that has one, keyed by source id. */
  async lastRuns(): Promise<Map<string, RunRecord>> {
    const rows = await this.db.query('SELECT DISTINCT ON (source_id) * FROM runs ORDER BY source_id, started_at DESC, id DESC');
    return new Map(rows.map((row) => [String(row['source_id']), runFromRow(row)]));
  }

  async runningRuns(): Promise<RunRecord[]> {
    return (await this.db.query("SELECT * FROM runs WHERE status = 'running' ORDER BY started_at")).map(runFromRow);
  }

  async runTotals(): Promise<RunTotals> {
    const statuses = await this.db.query<{ status: string; n: unknown }>('SELECT status, count(*) AS n FROM runs GROUP BY status');
    const rows = await this.db.query<{ name: string; n: unknown }>(
      "SELECT c->>'name' AS name, sum((c->>'rowsLoaded')::bigint) AS n FROM runs, jsonb_array_elements(collections) AS c GROUP BY 1",
    );
    const [api] = await this.db.query('SELECT coalesce(sum(requests), 0) AS requests, coalesce(sum(retries), 0) AS retries, coalesce(sum(rate_limited), 0) AS rate_limited FROM runs');
    return {
      runsByStatus: new Map(statuses.map((row) => [row.status, Number(row.n)])),
      rowsByCollection: new Map(rows.map((row) => [row.name, Number(row.n)])),
      requests: Number(api?.['requests'] ?? 0),
      retries: Number(api?.['retries'] ?? 0),
      rateLimited: Number(api?.['rate_limited'] ?? 0),
    };
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

function sealedParams(sealed: SealedRecord): string[] {
  return [sealed.keyId, sealed.iv, sealed.tag, sealed.ciphertext];
}
