// The embedded control database: PGlite (PostgreSQL compiled to WASM) on files in the data directory, one process only.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { ControlDb, ControlParam, ControlQueries, ControlRow } from './control-db.js';
import { acquireStoreLock } from './store-lock.js';
import { translated } from './translate-error.js';

/** Opens (creating when missing) the database in `dir`, holding `${dir}.lock` until closed. */
export async function openPgliteDb(dir: string, schema: string): Promise<ControlDb> {
  await mkdir(dirname(dir), { recursive: true });
  const release = await acquireStoreLock(`${dir}.lock`);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
    // One connection for the process, so a session setting holds for every later statement.
    await db.exec(`SET search_path TO ${schema}`);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    engine: 'embedded',
    ...queriesOf(db),
    transaction: (work) => translated(() => db.transaction((tx) => work(queriesOf(tx)))),
    close: async () => {
      try {
        await db.close();
      } finally {
        await release();
      }
    },
  };
}

function queriesOf(target: PGlite | Transaction): ControlQueries {
  return {
    query: <R extends ControlRow>(sql: string, params: readonly ControlParam[] = []) =>
      translated(async () => (await target.query<R>(sql, [...params])).rows),
    exec: (sql: string) => translated(async () => void (await target.exec(sql))),
  };
}
