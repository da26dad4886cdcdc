// Reliability: the sync is killed with SIGKILL at many points of source and warehouse runs; a rerun then leaves
// the warehouse equal to the emulator's truth, nothing lost and nothing duplicated.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';
import { expectWarehouseMatchesTruth, mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

/** name:n = the nth time the run reaches that point. */
const crashPoints = [
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
  'warehouse:after-load:1',
  'warehouse:after-load:5',
  'hub:prune:1',
  'hub:prune:6',
];

describe('kill -9 during a sync', () => {
  it.each(crashPoints)('at %s: a rerun ends with the warehouse equal to the truth', async (point) => {
    await rm(harness.home, { recursive: true, force: true });
    await rm(harness.duckdbPath, { force: true });
    const main = mainAccount(harness.emulator);
    const args = ['sync', '--api-base-url', harness.emulator.url, '--include-subaccounts', '--warehouse', `duckdb:${harness.duckdbPath}`, '--hub-retention', '0m', '--json'];
    const env = { TWILIO_SOURCE_HOME: harness.home, TWILIO_ACCOUNT_SID: main.sid, TWILIO_AUTH_TOKEN: main.authToken };

    const crashed = await runCli(args, { ...env, TWILIO_SOURCE_CRASH_AT: point });
    expect({ signal: crashed.signal, stderr: crashed.stderr }).toEqual({ signal: 'SIGKILL', stderr: '' });

    const rerun = await runCli(args, env);
    expect({ code: rerun.code, stderr: rerun.stderr }).toEqual({ code: 0, stderr: '' });
    await expectWarehouseMatchesTruth(harness);
  });
});
