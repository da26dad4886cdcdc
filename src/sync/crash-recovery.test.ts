// Reliability: the sync is killed with SIGKILL at many points of source and warehouse runs; a rerun then leaves
// the warehouse equal to the emulator's truth, nothing lost and nothing duplicated.
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { allTables, expectWarehouseMatchesTruth, mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';
import { postgresSuiteName, postgresTestUrl, skipPostgres, uniqueSchema } from '../warehouse/testing/postgres-test-url.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** Kills a sync at `point` (name:n = the nth time the run reaches it), checks it died there, then reruns it. */
async function crashThenRerun(point: string, warehouse: string, schema: string): Promise<void> {
  await rm(harness.home, { recursive: true, force: true });
  const main = mainAccount(harness.emulator);
  const args = ['sync', '--api-base-url', harness.emulator.url, '--include-subaccounts', '--warehouse', warehouse, '--schema', schema, '--hub-retention', '0m', '--json'];
  const env = { TWILIO_SOURCE_HOME: harness.home, TWILIO_ACCOUNT_SID: main.sid, TWILIO_AUTH_TOKEN: main.authToken };
  const crashed = await runCli(args, { ...env, TWILIO_SOURCE_CRASH_AT: point });
  expect({ signal: crashed.signal, stderr: crashed.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });
  const rerun = await runCli(args, env);
  expect({ code: rerun.code, stderr: rerun.stderr }, rerun.stdout).toEqual({ code: 0, stderr: '' });
}

describe('kill -9 during a sync into DuckDB', () => {
  it.each([
    'source:before-append:1',
    'source:before-append:4',
    'source:before-append:20',
    'batch:before-rename:1',
    'batch:before-rename:9',
    'batch:before-dir-sync:2',
    'batch:before-dir-sync:14',
    'source:before-cursor:1',
    'source:before-cursor:7',
    'state:before-rename:3',
    'state:before-dir-sync:5',
    'warehouse:before-load:1',
    'warehouse:before-load:4',
    'warehouse:mid-load:1',
    'warehouse:mid-load:3',
    'warehouse:before-commit:1',
    'warehouse:before-commit:5',
    'warehouse:after-load:1',
    'warehouse:after-load:5',
    'hub:prune:1',
    'hub:prune:6',
  ])('at %s: a rerun ends with the warehouse equal to the truth', async (point) => {
    await rm(harness.duckdbPath, { force: true });
    await crashThenRerun(point, `duckdb:${harness.duckdbPath}`, 'twilio');
    await expectWarehouseMatchesTruth(harness);
  });
});

describe.skipIf(skipPostgres)(postgresSuiteName('kill -9 during a sync into PostgreSQL'), () => {
  it.each(['source:before-append:3', 'warehouse:before-load:2', 'warehouse:mid-load:1', 'warehouse:mid-load:4', 'warehouse:before-commit:2', 'warehouse:after-load:3', 'hub:prune:2'])(
    'at %s: a rerun ends with the warehouse equal to the truth',
    async (point) => {
      const url = postgresTestUrl ?? '';
      const schema = uniqueSchema('crash');
      try {
        await crashThenRerun(point, url, schema);
        await expectWarehouseMatchesTruth(harness, allTables, schema, url);
      } finally {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  );
});
