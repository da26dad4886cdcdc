// Test support: an emulator with a small seeded dataset, sync settings pointing at it, and the comparison of a
// DuckDB warehouse with the emulator's ground truth.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { TruthCollection } from '../emulator/data/emulated-data.js';
import { startEmulator, type EmulatorOptions } from '../emulator/start-emulator.js';
import type { RunningEmulator } from '../emulator/running-emulator.js';
import { syncSettingsSchema, type SyncSettings, type SyncSettingsInput } from '../sync/sync-settings.js';
import { duckdbChecksums, postgresChecksums } from './warehouse-checksums.js';

export const allTables: readonly TruthCollection[] = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'call_feedback'];

export const smallDataset = { seed: 7, subaccounts: 2, messages: 1500, calls: 400, conferences: 40, addresses: 15, transcriptions: 60, annotations: 120, historyDays: 60 };

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly dir: string;
  readonly home: string;
  readonly duckdbPath: string;
  settings(overrides?: Partial<SyncSettingsInput>): SyncSettings;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ dataset: smallDataset, ...options });
  const dir = await mkdtemp(join(tmpdir(), 'twilio-source-'));
  const duckdbPath = join(dir, 'warehouse.duckdb');
  return {
    emulator,
    dir,
    home: join(dir, 'home'),
    duckdbPath,
    settings(overrides = {}) {
      const main = mainAccount(emulator);
      return syncSettingsSchema.parse({
        accountSid: main.sid,
        authToken: main.authToken,
        apiBaseUrl: emulator.url,
        includeSubaccounts: true,
        warehouse: `duckdb:${duckdbPath}`,
        ...overrides,
      });
    },
    async close() {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function mainAccount(emulator: RunningEmulator): RunningEmulator['accounts'][number] {
  const main = emulator.accounts.find((account) => account.parentSid === null);
  if (!main) throw new Error('the emulator has no main account');
  return main;
}

/**
 * Every account × table in the warehouse (the harness's DuckDB file, or PostgreSQL at `postgresUrl`) equals the
 * emulator's truth; records Twilio deleted may stay.
 */
export async function expectWarehouseMatchesTruth(harness: Harness, tables: readonly TruthCollection[] = allTables, schema = 'twilio', postgresUrl?: string): Promise<void> {
  const truth = harness.emulator.data.truth();
  const deleted = new Set(Object.values(truth).flatMap((collections) => Object.values(collections).flatMap((entry) => entry.deleted)));
  const warehouse =
    postgresUrl === undefined ? await duckdbChecksums(harness.duckdbPath, schema, tables, deleted) : await postgresChecksums(postgresUrl, schema, tables, deleted);
  for (const [account, collections] of Object.entries(truth)) {
    for (const table of tables) {
      const expected = collections[table];
      const actual = warehouse.get(`${account}/${table}`) ?? { count: 0, checksum: 'd41d8cd98f00b204e9800998ecf8427e' /* md5 of nothing */ };
      expect({ table, account, count: actual.count, checksum: actual.checksum }).toEqual({ table, account, count: expected.count, checksum: expected.checksum });
    }
  }
}
