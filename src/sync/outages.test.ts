// Reliability against outages: a DuckDB file held by another program, a Twilio resource that keeps failing, a full
// disk and an unwritable data directory. Each ends in a clear report, and the next run recovers.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRewritingProxy } from '../test-support/rewriting-proxy.js';
import { runCli } from '../test-support/run-cli.js';
import { expectWarehouseMatchesTruth, mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';
import { holdDuckDBFile } from '../warehouse/testing/duckdb-process.js';
import { runFlush } from './run-flush.js';
import { runSync } from './run-sync.js';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness();
});
afterEach(async () => {
  await harness.close();
});

describe('outages', () => {
  it('a DuckDB file held by another program: the source run completes, the load waits, and a later flush loads it all', async () => {
    await runSync(harness.settings({ collections: ['addresses'] }), harness.home);
    const held = await holdDuckDBFile(harness.duckdbPath);
    expect(held.outcome).toBe('opened');
    let report;
    try {
      report = await runSync(harness.settings(), harness.home);
    } finally {
      await held.release();
    }
    expect(report.status).toBe('partial');
    expect(report.collections.every((c) => c.status === 'success')).toBe(true);
    expect(report.notices.join('\n')).toMatch(/The warehouse was not loaded: .*The data waits in the hub/);
    const flush = await runFlush({ warehouse: harness.settings().warehouse, schema: 'twilio', home: harness.home });
    expect(flush.error).toBeUndefined();
    await expectWarehouseMatchesTruth(harness);
  });

  it('a Twilio resource that keeps failing: the run is partial, says which collection failed and why, and the others land', async () => {
    const proxy = await startRewritingProxy(harness.emulator.url, 'calls', (record) => record, /\/Calls\.json/);
    let report;
    try {
      report = await runSync(harness.settings({ apiBaseUrl: proxy.url, maxRetries: 2 }), harness.home);
    } finally {
      await proxy.close();
    }
    expect(report.status).toBe('partial');
    const calls = report.collections.find((c) => c.name === 'calls');
    expect(calls?.status).toBe('failed');
    expect(calls?.error).toMatch(/^Twilio did not answer GET \/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\.json after 3 attempts \(last: HTTP 500/);
    await expectWarehouseMatchesTruth(harness, ['messages', 'conferences', 'addresses', 'transcriptions', 'call_feedback']);
    // The failed collection's cursor did not move: the next run reads it whole.
    expect((await runSync(harness.settings(), harness.home)).status).toBe('success');
    await expectWarehouseMatchesTruth(harness);
  });

  it('an unwritable data directory: one clear line, nothing half-written', async () => {
    const blocker = join(harness.dir, 'not-a-directory');
    await writeFile(blocker, '');
    const main = mainAccount(harness.emulator);
    const result = await runCli(['sync', '--api-base-url', harness.emulator.url, '--warehouse', `duckdb:${harness.duckdbPath}`], {
      TWILIO_SOURCE_HOME: join(blocker, 'home'),
      TWILIO_ACCOUNT_SID: main.sid,
      TWILIO_AUTH_TOKEN: main.authToken,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^twilio-source: Could not write to the data directory at .*not-a-directory.* \(ENOTDIR\): free some disk space or fix its permissions, then run again\n$/);
  });

  const root = process.getuid?.() === 0;
  it.skipIf(!root)(`a full disk: the run reports it, the hub is not corrupted, and the next run recovers${root ? '' : ' [SKIPPED: needs root to mount a small tmpfs]'}`, async () => {
    const home = join(harness.dir, 'small-disk');
    await mkdir(home);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', home]);
    try {
      // Depending on which write meets the full disk, the run reports failed collections or stops with the error.
      const outcome = await runSync(harness.settings(), home).then(
        (report) => report.collections.map((c) => c.error ?? '').join('\n'),
        (error: Error) => error.message,
      );
      // The hub's batches and the loads' staged rows both live in the data directory.
      expect(outcome).toMatch(/Could not write (to the data directory at|a load's rows to) .* \(ENOSPC\): free some disk space/);
      const leftovers = (await readdir(home, { recursive: true })).filter((name) => name.endsWith('.tmp'));
      expect(leftovers).toEqual([]);
      execFileSync('mount', ['-o', 'remount,size=64m', home]);
      expect((await runSync(harness.settings(), home)).status).toBe('success');
      await expectWarehouseMatchesTruth(harness);
    } finally {
      execFileSync('umount', ['-l', home]);
    }
  });
});
