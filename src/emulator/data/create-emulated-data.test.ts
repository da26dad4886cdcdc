import { describe, expect, it } from 'vitest';
import { createEmulatedData } from './create-emulated-data.js';
import { datasetOptionsSchema } from './dataset-options.js';
import type { ListName } from './emulated-data.js';

const LISTS: readonly ListName[] = ['messages', 'calls', 'conferences', 'addresses', 'transcriptions', 'summaries'];
const NOW = '2025-03-10T08:30:00Z';

function snapshot(seed: number): string {
  const data = createEmulatedData({ seed, now: NOW, messages: 300, calls: 200 });
  const parts: unknown[] = [data.accounts()];
  for (const account of data.accounts()) {
    for (const list of LISTS) parts.push(data.list(account.sid, list, {}, null, 1000));
  }
  parts.push(data.truth());
  return JSON.stringify(parts);
}

describe('createEmulatedData', () => {
  it('gives byte-identical data for the same seed, options and now, and different data for another seed', () => {
    const a = snapshot(7);
    expect(snapshot(7)).toBe(a);
    expect(snapshot(8)).not.toBe(a);
  });

  it('fills defaults and makes exactly the requested counts per account', () => {
    const options = datasetOptionsSchema.parse({ now: NOW });
    expect(options).toMatchObject({ seed: 1, subaccounts: 2, messages: 2000, calls: 500, historyDays: 90 });
    const data = createEmulatedData({ now: NOW, messages: 123, calls: 45, conferences: 6, addresses: 7, transcriptions: 8 });
    expect(data.accounts()).toHaveLength(3);
    for (const truth of Object.values(data.truth())) {
      expect(truth.messages.count).toBe(123);
      expect(truth.calls.count).toBe(45);
      expect(truth.conferences.count).toBe(6);
      expect(truth.addresses.count).toBe(7);
      expect(truth.transcriptions.count).toBe(8);
    }
  });

  it('makes a main account and subaccounts with tokens and a standard API key each', () => {
    const data = createEmulatedData({ now: NOW, subaccounts: 3 });
    const [main, ...subs] = data.accounts();
    expect(main?.parentSid).toBeNull();
    expect(main?.json['owner_account_sid']).toBe(main?.sid);
    expect(subs).toHaveLength(3);
    for (const account of data.accounts()) {
      expect(account.sid).toMatch(/^AC[0-9a-f]{32}$/);
      expect(account.authToken).toMatch(/^[0-9a-f]{32}$/);
      expect(account.apiKeys[0]?.sid).toMatch(/^SK[0-9a-f]{32}$/);
      expect(account.apiKeys[0]?.secret).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(data.account(account.sid)).toBe(account);
    }
    for (const sub of subs) expect(sub.json['owner_account_sid']).toBe(main?.sid);
    expect(new Set(data.accounts().map((a) => a.sid)).size).toBe(4);
  });

  it('defaults now to the current minute', () => {
    const data = createEmulatedData({ messages: 1 });
    expect(data.now().getTime() % 60_000).toBe(0);
    expect(Math.abs(data.now().getTime() - Date.now())).toBeLessThan(120_000);
  });
});
