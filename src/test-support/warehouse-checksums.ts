// Test support: computes, from what reached the warehouse, the same per-account count and checksum the
// emulator's ground truth reports, so tests compare warehouse and Twilio instead of guessing.
import { createHash } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';

export interface TableChecksum {
  readonly count: number;
  readonly checksum: string;
}

/** `${account}/${collection}` → count and checksum, leaving out the ids in `exclude` (records Twilio deleted). */
export type WarehouseChecksums = Map<string, TableChecksum>;

type Line = readonly [account: string, id: string, version: string];

const versionSql = (table: string, epoch: (column: string) => string): string =>
  table === 'call_feedback' ? `coalesce(cast(quality_score as varchar), '')` : `coalesce(cast(${epoch('date_updated')} as varchar), '')`;

export async function duckdbChecksums(path: string, schema: string, tables: readonly string[], exclude: ReadonlySet<string> = new Set()): Promise<WarehouseChecksums> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const lines: (Line & { table: string })[] = [];
    for (const table of tables) {
      const reader = await connection.runAndReadAll(
        `SELECT account_sid, id, ${versionSql(table, (c) => `cast(epoch(${c}) as bigint)`)} FROM "${schema}"."${table}"`,
      );
      for (const [account, id, version] of reader.getRows()) lines.push(Object.assign([String(account), String(id), String(version)] as const, { table }));
    }
    return summarise(lines, exclude);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function postgresChecksums(url: string, schema: string, tables: readonly string[], exclude: ReadonlySet<string> = new Set()): Promise<WarehouseChecksums> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines: (Line & { table: string })[] = [];
    for (const table of tables) {
      const result = await client.query<{ a: string; i: string; v: string }>({
        text: `SELECT account_sid AS a, id AS i, ${versionSql(table, (c) => `cast(extract(epoch from ${c}) as bigint)`)} AS v FROM "${schema}"."${table}"`,
      });
      for (const row of result.rows) lines.push(Object.assign([row.a, row.i, row.v] as const, { table }));
    }
    return summarise(lines, exclude);
  } finally {
    await client.end();
  }
}

function summarise(lines: readonly (Line & { table: string })[], exclude: ReadonlySet<string>): WarehouseChecksums {
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    if (exclude.has(line[1])) continue;
    const key = `${line[0]}/${line.table}`;
    const group = groups.get(key) ?? [];
    group.push(`${line[1]}|${line[2]}`);
    groups.set(key, group);
  }
  const result: WarehouseChecksums = new Map();
  for (const [key, group] of groups) {
    group.sort();
    result.set(key, { count: group.length, checksum: createHash('md5').update(group.join('\n')).digest('hex') });
  }
  return result;
}
