// Two processes never share the embedded store: the second gets one clear line; a dead holder's lock is taken over.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlStoreBusyError } from './control-errors.js';
import { openControlStore } from './open-control-store.js';
import { holdStoreElsewhere } from './testing/hold-store-elsewhere.js';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'twilio-source-lock-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('the embedded store lock', () => {
  it('refuses this process while another holds the store, naming that process, and opens once it is gone', async () => {
    const other = await holdStoreElsewhere(home);
    try {
      expect(other.outcome).toBe(`opened ${other.pid}`);
      expect(await readFile(join(home, 'control.lock'), 'utf8')).toBe(String(other.pid));
      const attempt = openControlStore({ home, databaseUrl: null });
      await expect(attempt).rejects.toThrow(ControlStoreBusyError);
      await expect(attempt).rejects.toThrow(
        `the control store is in use by process ${other.pid} (twilio-source serve?): use its HTTP API or stop it`,
      );
    } finally {
      await other.release();
    }
    const store = await openControlStore({ home, databaseUrl: null });
    await store.close();
  }, 120_000);

  it('refuses another process while this one holds it, and a second open in this process too', async () => {
    const store = await openControlStore({ home, databaseUrl: null });
    try {
      await expect(openControlStore({ home, databaseUrl: null })).rejects.toThrow(ControlStoreBusyError);
      const other = await holdStoreElsewhere(home);
      await other.release();
      expect(other.outcome).toBe(`failed ControlStoreBusyError: the control store is in use by process ${process.pid} (twilio-source serve?): use its HTTP API or stop it`);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('takes over the lock of a process that died without closing the store', async () => {
    const crashed = await holdStoreElsewhere(home);
    expect(crashed.outcome).toBe(`opened ${crashed.pid}`);
    await crashed.kill();
    const store = await openControlStore({ home, databaseUrl: null });
    await store.close();
  }, 120_000);

  it('takes over a lock naming a pid that no longer exists', async () => {
    await writeFile(join(home, 'control.lock'), '2147483646');
    const store = await openControlStore({ home, databaseUrl: null });
    expect(await readFile(join(home, 'control.lock'), 'utf8')).toBe(String(process.pid));
    await store.close();
  }, 60_000);
});
