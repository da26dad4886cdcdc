// Opens the control store: embedded PGlite files in `<home>/control` by default, PostgreSQL when DATABASE_URL is set;
// either way migrated to the latest schema before it is handed out.
import { join } from 'node:path';
import { z } from 'zod';
import type { ControlDb } from './control-db.js';
import { ControlStore } from './control-store.js';
import { migrate } from './migrate.js';
import { openPgliteDb } from './pglite-db.js';
import { openPostgresDb } from './postgres-db.js';

/** The control tables live in their own schema, apart from anything else in the database. */
export const DEFAULT_CONTROL_SCHEMA = 'twilio_source_control';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and underscores');

export interface ControlStoreOptions {
  readonly home: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides DATABASE_URL; null forces the embedded store. */
  readonly databaseUrl?: string | null;
  readonly schema?: string;
}

export async function openControlStore(options: ControlStoreOptions): Promise<ControlStore> {
  const schema = schemaName.parse(options.schema ?? DEFAULT_CONTROL_SCHEMA);
  const url = options.databaseUrl === undefined ? (options.env ?? process.env)['DATABASE_URL'] : options.databaseUrl;
  const db: ControlDb = url ? openPostgresDb(url, schema) : await openPgliteDb(join(options.home, 'control'), schema);
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.close();
    throw error;
  }
  return new ControlStore(db);
}
