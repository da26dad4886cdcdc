// Applies the pending migrations in order, in one transaction, under an advisory lock so that two processes
// starting at once against one PostgreSQL server do not both apply them.
import type { ControlDb } from './control-db.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

/** Returns the versions applied now (empty when the store was up to date). */
export async function migrate(db: ControlDb, schema: string, migrations: readonly Migration[] = allMigrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('twilio_source_control_migrations'))");
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const applied = new Set((await tx.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`)).map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}
