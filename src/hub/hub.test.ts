import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeBatchFile } from './batch-file.js';
import { Hub } from './hub.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hub-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const batch = (n: number) => ({ accountSid: 'AC1', receivedAt: '2024-01-01T00:00:00.000Z', records: [{ sid: `SM${n}` }] });

describe('Hub', () => {
  it('gives concurrent appends distinct consecutive sequences, each durable with its own batch', async () => {
    const hub = await Hub.open(dir);
    const seqs = await Promise.all([1, 2, 3, 4, 5].map((n) => hub.append('messages', batch(n))));
    expect([...seqs].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await hub.pending('messages', 2)).toEqual([3, 4, 5]);
    for (const [index, seq] of seqs.entries()) expect((await hub.read('messages', seq)).records()).toEqual([{ sid: `SM${index + 1}` }]);
    expect(await hub.streams()).toEqual(['messages']);
  });

  it('gives concurrent appends their sequences in the order append was called, and leaves no temp file', async () => {
    const hub = await Hub.open(dir);
    const numbers = Array.from({ length: 30 }, (_, i) => i + 1);
    expect(await Promise.all(numbers.map((n) => hub.append('calls', batch(n))))).toEqual(numbers);
    const reopened = await Hub.open(dir);
    for (const n of numbers) expect((await reopened.read('calls', n)).records()).toEqual([{ sid: `SM${n}` }]);
    expect((await readdir(join(dir, 'batches', 'calls'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes records given as JSON bytes as they are, and reads them back as the records', async () => {
    const hub = await Hub.open(dir);
    const json = Buffer.from('[ {"sid": "SM1", "price": -0.750, "body": "caf\\u00e9 😀"} ]');
    const seq = await hub.append('messages', { accountSid: 'AC1', receivedAt: '2024-01-01T00:00:00.000Z', records: { bytes: json, count: 1 } });
    const name = `${String(seq).padStart(12, '0')}.json.br`;
    const file = await readFile(join(dir, 'batches', 'messages', name));
    expect(decodeBatchFile(name, file).toString('utf8')).toBe(`{"accountSid":"AC1","receivedAt":"2024-01-01T00:00:00.000Z","count":1,"records":${json.toString('utf8')}}`);
    const read = await hub.read('messages', seq);
    expect(read.recordsJson).toEqual({ bytes: json, count: 1 });
    expect(read.records()).toEqual([{ sid: 'SM1', price: -0.75, body: 'café 😀' }]);
  });

  it('names a batch whose file does not match its checksum, and prunes batches of earlier versions too', async () => {
    const hub = await Hub.open(dir);
    const seq = await hub.append('messages', batch(1));
    const path = join(dir, 'batches', 'messages', `${String(seq).padStart(12, '0')}.json.br`);
    const file = await readFile(path);
    file[0] = (file[0] ?? 0) ^ 0xff;
    await writeFile(path, file);
    await expect(hub.read('messages', seq)).rejects.toThrow(/^The hub batch .*\.json\.br is unreadable: delete it and run a full resync of this collection$/);
    await writeFile(join(dir, 'batches', 'messages', '000000000002.json.gz'), gzipSync(JSON.stringify(batch(2))));
    expect(await hub.pending('messages', 0)).toEqual([1, 2]);
    expect(await hub.prune('messages', 2, 0)).toBe(2);
    expect(await readdir(join(dir, 'batches', 'messages'))).toEqual(['pruned-up-to']);
  });

  it('reads batches written before they held their count, and names a batch whose records are not JSON', async () => {
    const hub = await Hub.open(dir);
    const folder = join(dir, 'batches', 'messages');
    await mkdir(folder, { recursive: true });
    const older = { accountSid: 'AC1', receivedAt: '2024-01-01T00:00:00.000Z', records: [{ sid: 'SM1' }] };
    await writeFile(join(folder, '000000000001.json.gz'), gzipSync(JSON.stringify(older)));
    await writeFile(join(folder, '000000000002.json.gz'), gzipSync('{"accountSid":"AC1","receivedAt":"x","count":1,"records":[{"sid":]}'));
    const first = await hub.read('messages', 1);
    expect([first.accountSid, first.receivedAt, first.records()]).toEqual([older.accountSid, older.receivedAt, older.records]);
    const broken = await hub.read('messages', 2);
    expect(() => broken.records()).toThrow(/^The hub batch .*000000000002\.json\.gz is unreadable: delete it and run a full resync of this collection$/);
  });

  it('reads a large batch with its records kept as bytes, parsed only when asked', async () => {
    const hub = await Hub.open(dir);
    const records = Array.from({ length: 2000 }, (_, i) => ({ sid: `SM${i}`, body: 'x'.repeat(40) }));
    const seq = await hub.append('messages', { accountSid: 'AC1', receivedAt: '2024-01-01T00:00:00.000Z', records });
    const read = await hub.read('messages', seq);
    expect(JSON.parse(read.recordsJson?.bytes.toString('utf8') ?? 'null')).toEqual(records);
    expect(read.records()).toEqual(records);
    expect(read.records()).toBe(read.records());
  });

  it('keeps sequences and its id across reopen and pruning, so a new batch never looks loaded', async () => {
    const hub = await Hub.open(dir);
    await hub.append('calls', batch(1));
    await hub.append('calls', batch(2));
    expect(await hub.prune('calls', 2, 0)).toBe(2);
    const reopened = await Hub.open(dir);
    expect(reopened.streamKey('calls')).toBe(hub.streamKey('calls'));
    expect(await reopened.append('calls', batch(3))).toBe(3);
    expect(await reopened.pending('calls', 2)).toEqual([3]);
  });

  it('prunes only loaded batches older than the retention', async () => {
    const hub = await Hub.open(dir);
    for (const n of [1, 2, 3]) await hub.append('calls', batch(n));
    const old = new Date(Date.now() - 3 * 86_400_000);
    await utimes(join(dir, 'batches', 'calls', '000000000001.json.br'), old, old);
    expect(await hub.prune('calls', 2, 86_400_000)).toBe(1);
    expect((await readdir(join(dir, 'batches', 'calls'))).filter((name) => name.endsWith('.json.br'))).toEqual(['000000000002.json.br', '000000000003.json.br']);
  });

  it('wakes a follower at the next durable append', async () => {
    const hub = await Hub.open(dir);
    const woken = hub.appended();
    await hub.append('calls', batch(1));
    await expect(woken).resolves.toBeUndefined();
  });

  it('persists cursors durably and reads them back', async () => {
    const hub = await Hub.open(dir);
    await hub.state.update((data) => void (data.cursors['AC1/messages'] = '2024-01-01T00:00:00.000Z'));
    expect((await Hub.open(dir)).state.data.cursors).toEqual({ 'AC1/messages': '2024-01-01T00:00:00.000Z' });
  });
});
