// The official twilio SDK, pointed at the emulator, lists every collection across many pages and matches the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionTruth, Truth } from '../data/emulated-data.js';
import type { RunningEmulator } from '../running-emulator.js';
import { startEmulator } from '../start-emulator.js';
import { sdkClient } from '../testing/sdk-client.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 40;
let emulator: RunningEmulator;
let truth: Truth;

beforeAll(async () => {
  emulator = await startEmulator({
    dataset: { seed: 11, subaccounts: 1, messages: 2500, calls: 700, conferences: 60, addresses: 30, transcriptions: 90, annotations: 120, historyDays: HISTORY_DAYS },
  });
  truth = emulator.data.truth();
});
afterAll(() => emulator.close());

function truthOf(accountSid: string, collection: keyof Truth[string]): CollectionTruth {
  const found = truth[accountSid]?.[collection];
  if (!found) throw new Error(`no truth for ${accountSid} ${collection}`);
  return found;
}

/** Date windows that tile the whole history (plus a day of margin) into `n` parts. */
function windows(n: number): [Date, Date][] {
  const end = emulator.data.now().getTime() + DAY;
  const start = end - (HISTORY_DAYS + 2) * DAY;
  return Array.from({ length: n }, (_, i) => [new Date(start + ((end - start) * i) / n), new Date(start + ((end - start) * (i + 1)) / n)]);
}

describe('the twilio SDK against the emulator', () => {
  it('lists messages, whole and in DateSent windows, across pages, and gets the truth', async () => {
    const [main] = emulator.accounts;
    if (!main) throw new Error('main account');
    for (const account of emulator.accounts) {
      const client = sdkClient(emulator.url, main.sid, main.authToken).api.v2010.accounts(account.sid);
      const all = await client.messages.list({ pageSize: 200 });
      expect(all.length).toBe(truthOf(account.sid, 'messages').count);
      expect(all.length).toBeGreaterThan(1000); // many pages of 200
      expect(new Set(all.map((m) => m.sid)).size).toBe(all.length);
      const undated = all.filter((m) => m.dateSent === null).length;
      let windowed = 0;
      for (const [after, before] of windows(3)) {
        windowed += (await client.messages.list({ pageSize: 150, dateSentAfter: after, dateSentBefore: before })).length;
      }
      expect(windowed + undated).toBe(all.length);
      const to = all[0]?.to;
      if (to) expect((await client.messages.list({ to, pageSize: 50 })).every((m) => m.to === to)).toBe(true);
    }
  });

  it('lists calls (with StartTime windows and Status), conferences by status, addresses and transcriptions', async () => {
    for (const account of emulator.accounts) {
      const client = sdkClient(emulator.url, account.sid, account.authToken).api.v2010.accounts(account.sid);
      const calls = await client.calls.list({ pageSize: 100 });
      expect(calls.length).toBe(truthOf(account.sid, 'calls').count);
      expect(calls.some((c) => c.parentCallSid !== null)).toBe(true);
      let windowed = 0;
      for (const [after, before] of windows(2)) windowed += (await client.calls.list({ pageSize: 100, startTimeAfter: after, startTimeBefore: before })).length;
      expect(windowed + calls.filter((c) => c.startTime === null).length).toBe(calls.length);
      const completed = await client.calls.list({ status: 'completed', pageSize: 100 });
      expect(completed.length).toBe(calls.filter((c) => c.status === 'completed').length);

      const byStatus = await Promise.all((['init', 'in-progress', 'completed'] as const).map((status) => client.conferences.list({ status, pageSize: 7 })));
      expect(byStatus.flat().length).toBe(truthOf(account.sid, 'conferences').count);
      expect((await client.conferences.list({ pageSize: 7 })).length).toBe(byStatus[1]?.length);

      expect((await client.addresses.list({ pageSize: 7 })).length).toBe(truthOf(account.sid, 'addresses').count);
      expect((await client.transcriptions.list({ pageSize: 9 })).length).toBe(truthOf(account.sid, 'transcriptions').count);
    }
  });

  it('reads annotations through Voice Insights summaries and per call, as the call_feedback truth counts them', async () => {
    const [main] = emulator.accounts;
    if (!main) throw new Error('main account');
    for (const account of emulator.accounts) {
      const client = sdkClient(emulator.url, main.sid, main.authToken);
      const summaries = await client.insights.v1.callSummaries.list({
        startTime: `${HISTORY_DAYS + 2}d`,
        pageSize: 100,
        ...(account.parentSid ? { subaccount: account.sid } : {}),
      });
      const annotated = summaries.filter((s) => s.annotation !== null);
      expect(annotated.length).toBe(truthOf(account.sid, 'call_feedback').count);
      expect(annotated.length).toBeGreaterThan(0);
      const first = annotated[0];
      if (first) {
        const own = sdkClient(emulator.url, account.sid, account.authToken);
        const annotation = await own.insights.v1.calls(first.callSid).annotation().fetch();
        expect(annotation.callSid).toBe(first.callSid);
      }
    }
  });

  it('lists and fetches accounts with parent credentials', async () => {
    const [main] = emulator.accounts;
    if (!main) throw new Error('main account');
    const client = sdkClient(emulator.url, main.sid, main.authToken);
    const accounts = await client.api.v2010.accounts.list({ pageSize: 1 });
    expect(accounts.map((a) => a.sid).sort()).toEqual(emulator.accounts.map((a) => a.sid).sort());
    expect((await client.api.v2010.accounts(main.sid).fetch()).sid).toBe(main.sid);
  });
});
