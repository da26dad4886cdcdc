// A source run's listing asks for its next page while the last batch is being made durable, and is over only once
// that batch is: a batch that cannot be written fails its collection, and its cursor stays where it was.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allCollections } from '../collections/all-collections.js';
import type { Collection } from '../collections/collection.js';
import { Hub, type HubAppend } from '../hub/hub.js';
import { runSource, type ListedPage, type PageReader } from './source-run.js';

const ACCOUNT = `AC${'a'.repeat(32)}`;

const firstSid = (batch: HubAppend): unknown => ('bytes' in batch.records ? undefined : batch.records[0]?.['sid']);

function pagesReader(pages: readonly ListedPage[]): PageReader {
  return {
    async *listPages() {
      for (const page of pages) yield await Promise.resolve(page);
    },
    getJson: () => Promise.reject(new Error('not used')),
  };
}

function reader(pages: number, log: string[]): PageReader {
  return {
    async *listPages() {
      for (let page = 1; page <= pages; page++) {
        log.push(`page ${page}`);
        const records = [{ sid: `AD${page}`, date_created: 'Fri, 24 May 2019 17:44:46 +0000' }];
        yield await Promise.resolve({ count: 1, records: () => records });
      }
    },
    getJson: () => Promise.reject(new Error('not used')),
  };
}

describe('source run appends', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'source-run-appends-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = (hub: Hub, pageReader: PageReader, collection: Collection = allCollections.addresses) =>
    runSource({
      reader: pageReader,
      hub,
      collections: [collection],
      accounts: [{ sid: ACCOUNT, viaParent: false }],
      now: new Date('2026-12-01T00:00:00Z'),
      lookbackMs: 0,
      full: false,
      concurrency: 1,
      maxWindows: 1,
    });

  it('requests the next page while a batch is written, one batch in flight, and ends once the last is durable', async () => {
    const hub = await Hub.open(dir);
    const log: string[] = [];
    const append = hub.append.bind(hub);
    vi.spyOn(hub, 'append').mockImplementation(async (stream, batch) => {
      const sid = String(firstSid(batch));
      log.push(`append ${sid}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const seq = await append(stream, batch);
      log.push(`durable ${sid}`);
      return seq;
    });
    const report = await run(hub, reader(3, log));
    expect(report.collections[0]?.status).toBe('success');
    expect(log).toEqual(['page 1', 'append AD1', 'page 2', 'durable AD1', 'append AD2', 'page 3', 'durable AD2', 'append AD3', 'durable AD3']);
    expect(await hub.pending('addresses', 0)).toEqual([1, 2, 3]);
    expect(hub.state.data.cursors[`${ACCOUNT}/addresses`]).toBe('2026-12-01T00:00:00.000Z');
  });

  it('hands the hub a page as Twilio sent it without parsing it, unless the collection converts its records', async () => {
    const hub = await Hub.open(dir);
    const given: unknown[] = [];
    vi.spyOn(hub, 'append').mockImplementation((_stream, batch) => {
      given.push('bytes' in batch.records ? batch.records.bytes.toString('utf8') : batch.records);
      return Promise.resolve(given.length);
    });
    const listed = [{ sid: 'AD1' }, { sid: 'AD2' }];
    const json = { bytes: Buffer.from(JSON.stringify(listed)), count: 2 };
    const unparsed = (): never => {
      throw new Error('parsed a page bound for the hub as it is');
    };
    await run(hub, pagesReader([{ count: 2, recordsJson: json, records: unparsed }, { count: 3, records: () => [...listed, 'not an object'] }]));
    expect(given).toEqual([JSON.stringify(listed), listed]);

    given.length = 0;
    const summaries = [
      { call_sid: 'CA1', account_sid: ACCOUNT, start_time: '2026-11-30T00:00:00Z', annotation: { call_score: 4 } },
      { call_sid: 'CA2', account_sid: ACCOUNT, start_time: '2026-11-30T00:00:00Z', annotation: null },
    ];
    await run(hub, pagesReader([{ count: 2, recordsJson: { bytes: Buffer.from(JSON.stringify(summaries)), count: 2 }, records: () => summaries }]), allCollections.call_feedback);
    expect(given).toEqual([[expect.objectContaining({ call_sid: 'CA1', quality_score: 4 })]]);
  });

  it('fails the collection when a batch cannot be written, and leaves its cursor', async () => {
    const hub = await Hub.open(dir);
    const append = hub.append.bind(hub);
    vi.spyOn(hub, 'append').mockImplementation((stream, batch) =>
      firstSid(batch) === 'AD2' ? Promise.reject(new Error('disk full')) : append(stream, batch),
    );
    const report = await run(hub, reader(3, []));
    expect(report.collections[0]).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(hub.state.data.cursors[`${ACCOUNT}/addresses`]).toBeUndefined();
  });
});
