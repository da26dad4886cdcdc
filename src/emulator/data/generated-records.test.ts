import { describe, expect, it } from 'vitest';
import { createEmulatedData } from './create-emulated-data.js';
import type { EmulatedData, ListName, TwilioJson } from './emulated-data.js';
import { segmentCount } from './message-body.js';
import { specProperties, validateAgainstSpec } from './spec-validator.js';
import { listAll } from './test-listing.js';

const SCHEMAS: Record<ListName, string> = {
  messages: 'api.v2010.account.message',
  calls: 'api.v2010.account.call',
  conferences: 'api.v2010.account.conference',
  addresses: 'api.v2010.account.address',
  transcriptions: 'api.v2010.account.transcription',
  summaries: 'insights.v1.call_summaries',
};

function expectSpecShape(schema: string, record: TwilioJson): void {
  expect(validateAgainstSpec(schema, record), JSON.stringify(record)).toEqual([]);
  expect(Object.keys(record).sort()).toEqual(specProperties(schema).sort());
}

/** A dataset whose clock moved in small steps, so records are seen in every state (queued, in-progress, …). */
function datasets(): EmulatedData[] {
  const data = createEmulatedData({ seed: 3, now: '2025-06-01T00:00:00Z', messages: 3000, calls: 2000, conferences: 300 });
  const later = createEmulatedData({ seed: 3, now: '2025-06-01T00:00:00Z', messages: 3000, calls: 2000, conferences: 300 });
  later.advance(37 * 60_000);
  return [data, later];
}

describe('generated records', () => {
  it('validate against Twilio’s schemas and carry exactly Twilio’s fields', () => {
    for (const data of datasets()) {
      for (const account of data.accounts()) {
        expectSpecShape('api.v2010.account', account.json);
        for (const [list, schema] of Object.entries(SCHEMAS) as [ListName, string][]) {
          const records = listAll(data, account.sid, list, {}, 1000);
          // Every recent record, and a sample of the older ones.
          for (const record of records.filter((_, k) => k < 200 || k % 7 === 0)) expectSpecShape(schema, record);
        }
      }
    }
  });

  it('annotations validate, and summaries embed the same annotation', () => {
    const [data] = datasets() as [EmulatedData];
    const account = data.accounts()[0]?.sid as string;
    const annotated = listAll(data, account, 'summaries', {}, 1000).filter((s) => s['annotation'] !== null);
    expect(annotated.length).toBeGreaterThan(50);
    for (const summary of annotated) {
      const annotation = data.annotation(account, summary['call_sid'] as string) as TwilioJson;
      expectSpecShape('insights.v1.call.annotation', annotation);
      const fields = Object.fromEntries(
        Object.entries(annotation).filter(([key]) => !['account_sid', 'call_sid', 'url'].includes(key)),
      );
      expect(summary['annotation']).toEqual(fields);
    }
    const scores = annotated.map((s) => (s['annotation'] as TwilioJson)['call_score']);
    expect(new Set(scores)).toEqual(new Set([1, 2, 3, 4, 5, null]));
  });

  it('have realistic values: SIDs, E.164 numbers, prices, segments, statuses, child legs, nulls', () => {
    const [data] = datasets() as [EmulatedData];
    const account = data.accounts()[1]?.sid as string;
    const messages = listAll(data, account, 'messages', {}, 1000);
    const statuses = new Set(messages.map((m) => m['status']));
    for (const s of ['delivered', 'undelivered', 'failed', 'sent', 'received']) expect(statuses).toContain(s);
    expect(messages.some((m) => /[\u0400-\u04ff]/.test(m['body'] as string))).toBe(true);
    expect(messages.some((m) => /[\u4e00-\u9fff]/.test(m['body'] as string))).toBe(true);
    expect(messages.some((m) => /[\u0600-\u06ff]/.test(m['body'] as string))).toBe(true);
    expect(messages.some((m) => /\p{Extended_Pictographic}/u.test(m['body'] as string))).toBe(true);
    expect(Math.max(...messages.map((m) => (m['body'] as string).length))).toBeGreaterThan(1000);
    for (const m of messages) {
      expect(m['sid']).toMatch(m['num_media'] === '0' ? /^SM[0-9a-f]{32}$/ : /^MM[0-9a-f]{32}$/);
      expect(m['from']).toMatch(/^\+[1-9]\d{7,14}$/);
      expect((m['body'] as string).length).toBeLessThanOrEqual(1600);
      if (m['num_media'] === '0') expect(m['num_segments']).toBe(String(segmentCount(m['body'] as string)));
      if (m['price'] !== null) expect(m['price']).toMatch(/^-\d+\.\d{5}$/);
      if (m['status'] === 'queued') expect(m['date_sent']).toBeNull();
      if (m['status'] === 'undelivered') expect(m['error_code']).toEqual(expect.any(Number));
    }
    const calls = listAll(data, account, 'calls', {}, 1000);
    const bySid = new Map(calls.map((c) => [c['sid'], c]));
    const children = calls.filter((c) => c['parent_call_sid'] !== null);
    expect(children.length).toBeGreaterThan(50);
    for (const child of children) {
      const parent = bySid.get(child['parent_call_sid']) as TwilioJson;
      expect(child['direction']).toBe('outbound-dial');
      expect(Date.parse(child['date_created'] as string)).toBeGreaterThanOrEqual(Date.parse(parent['start_time'] as string));
    }
    for (const c of calls) {
      if (c['status'] !== 'completed') expect([c['end_time'], c['duration'], c['price']]).toEqual([null, null, null]);
      else expect(Number(c['duration'])).toBe((Date.parse(c['end_time'] as string) - Date.parse(c['start_time'] as string)) / 1000);
    }
    const callStatuses = new Set(calls.map((c) => c['status']));
    for (const s of ['completed', 'busy', 'no-answer', 'failed', 'canceled']) expect(callStatuses).toContain(s);
    const conferences = listAll(data, account, 'conferences', {}, 1000);
    const completed = conferences.filter((c) => c['status'] === 'completed').length;
    expect(completed / conferences.length).toBeGreaterThan(0.9);
    const transcriptions = listAll(data, account, 'transcriptions', {}, 1000);
    for (const t of transcriptions) expect(t['recording_sid']).toMatch(/^RE[0-9a-f]{32}$/);
  });
});
