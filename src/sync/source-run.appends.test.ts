// A source run's listing asks for its next page while the last batch is being made durable, and is over only once
// that batch is: a batch that cannot be written fails its collection, and its cursor stays where it was.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allCollections } from '../collections/all-collections.js';
import { Hub } from '../hub/hub.js';
import { runSource, type PageReader } from './source-run.js';

const ACCOUNT = `AC${'a'.repeat(32)}`;

function reader(pages: number, log: string[]): PageReader {
  return {
    async *listPages() {
      for (let page = 1; page <= pages; page++) {
        log.push(`page ${page}`);
        yield await Promise.resolve( { records: [{ sid: `AD${page}`, date_created: 'Fri, 24 May 2019 17:44:46 +0000' }] });
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

  const run = (hub: Hub, pageReader: PageReader) =>
    runSource({
      reader: pageReader,
      hub,
      collections: [allCollections.addresses],
      accounts: [{ sid: ACCOUNT, viaParent: false }],
      now: new Date('2026-12-01T00:00:00Z'),
      lookbackMs: 0,
      full: false,
      concurrency: 1,
    });

  it('requests the next page while a batch is written, one batch in flight, and ends once the last is durable', async () => {
    const hub = await Hub.open(dir);
    const log: string[] = [];
    const append = hub.append.bind(hub);
    vi.spyOn(hub, 'append').mockImplementation(async (stream, batch) => {
      const sid = String(batch.records[0]?.['sid']);
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

  it('hands the hub the page as Twilio sent it only when its records are exactly what was listed', async () => {
    const hub = await Hub.open(dir);
    const given: (string | undefined)[] = [];
    vi.spyOn(hub, 'append').mockImplementation((_stream, _batch, json) => {
      given.push(json?.toString('utf8'));
      return Promise.resolve(given.length);
    });
    const listed = [{ sid: 'AD1' }, { sid: 'AD2' }];
    const pages = [
      { records: listed, recordsJson: Buffer.from(JSON.stringify(listed)) },
      { records: [...listed, 'not an object'], recordsJson: Buffer.from(JSON.stringify([...listed, 'not an object'])) },
      { records: listed, recordsJson: undefined },
    ];
    const pageReader: PageReader = {
      async *listPages() {
        for (const page of pages) yield await Promise.resolve(page);
      },
      getJson: () => Promise.reject(new Error('not used')),
    };
    await run(hub, pageReader);
    expect(given).toEqual([JSON.stringify(listed), undefined, undefined]);
  });

  it('fails the collection when a batch cannot be written, and leaves its cursor', async () => {
    const hub = await Hub.open(dir);
    const append = hub.append.bind(hub);
    vi.spyOn(hub, 'append').mockImplementation((stream, batch) =>
      batch.records[0]?.['sid'] === 'AD2' ? Promise.reject(new Error('disk full')) : append(stream, batch),
    );
    const report = await run(hub, reader(3, []));
    expect(report.collections[0]).toMatchObject({ status: 'failed', error: 'disk full' });
    expect(hub.state.data.cursors[`${ACCOUNT}/addresses`]).toBeUndefined();
  });
});
