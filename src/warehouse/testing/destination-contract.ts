// The behaviour every Destination must show, run against each engine by its own test file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Destination } from '../destination.js';
import type { Column, Row, TableDef } from '../table.js';
import { InvalidIdentifierError, InvalidTableError } from '../warehouse-errors.js';

export interface EngineFixture {
  readonly destination: Destination;
  readonly schema: string;
  /** Every row of the table ordered by id, each cell normalised with normalizeCell. */
  readRows(table: TableDef): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export const messageColumns: readonly Column[] = [
  { name: 'id', type: 'text' },
  { name: 'from', type: 'text' },
  { name: 'to', type: 'text' },
  { name: 'body', type: 'text' },
  { name: 'num_segments', type: 'bigint' },
  { name: 'price', type: 'double' },
  { name: 'is_test', type: 'boolean' },
  { name: 'date_sent', type: 'timestamptz' },
  { name: 'tags', type: 'json' },
  { name: 'subresource_uris_media', type: 'text' },
];

export function describeDestinationContract(engine: string, setup: () => Promise<EngineFixture>): void {
  describe(`${engine} destination contract`, () => {
    let fx: EngineFixture;
    let messages: TableDef;
    beforeEach(async () => {
      fx = await setup();
      messages = { schema: fx.schema, name: 'messages', columns: messageColumns };
    });
    afterEach(async () => {
      await fx.dispose();
    });

    it('creates the schema and table and returns the columns with their types', async () => {
      expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map());
      expect(await fx.destination.ensureTable(messages)).toEqual(messageColumns);
      expect(await fx.destination.ensureTable(messages)).toEqual(messageColumns);
      expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map());
    });

    it('adds new columns on a later run and keeps existing columns and their types', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(messages, [{ id: 'SM1', body: 'first' }], { stream: 'messages', seq: 1 });
      const evolved: TableDef = {
        ...messages,
        columns: [...messageColumns.filter((c) => c.name !== 'price'), { name: 'price', type: 'text' }, { name: 'error_code', type: 'bigint' }],
      };
      const columns = await fx.destination.ensureTable(evolved);
      expect(columns).toEqual([...messageColumns, { name: 'error_code', type: 'bigint' }]);
      await fx.destination.load({ ...messages, columns }, [{ id: 'SM2', body: 'second', error_code: 30004 }], { stream: 'messages', seq: 2 });
      const rows = await fx.readRows({ ...messages, columns });
      expect(rows.map((r) => [r['id'], r['body'], r['error_code']])).toEqual([['SM1', 'first', null], ['SM2', 'second', 30004]]);
    });

    it('upserts by id: the last row of a batch wins, and a later batch updates', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(
        messages,
        [{ id: 'SM1', body: 'a', price: -1 }, { id: 'SM2', body: 'b' }, { id: 'SM1', body: 'c', price: -2 }],
        { stream: 'messages', seq: 1 },
      );
      await fx.destination.load(messages, [{ id: 'SM2', body: 'd', is_test: true }], { stream: 'messages', seq: 2 });
      const rows = await fx.readRows(messages);
      expect(rows.map((r) => [r['id'], r['body'], r['price'], r['is_test']])).toEqual([['SM1', 'c', -2, null], ['SM2', 'd', null, true]]);
    });

    it('stages a load chunk by chunk: an id in several chunks keeps the latest chunk, empty chunks are skipped', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(messages, [{ id: 'SM0', body: 'untouched' }, { id: 'SM1', body: 'old', price: -9 }], { stream: 'messages', seq: 1 });
      function* chunks(): Generator<Row[]> {
        yield [{ id: 'SM1', body: 'a' }, { id: 'SM2', body: 'b' }, { id: 'SM1', body: 'c' }];
        yield [];
        yield [{ id: 'SM3', body: 'd' }, { id: 'SM1', body: 'e', price: -1 }];
        yield [{ id: 'SM2', body: 'f' }];
      }
      const staged = await fx.destination.stage(messages, chunks());
      expect(staged.rows).toBe(3);
      // Staging writes nothing to the table: only the commit does.
      expect((await fx.readRows(messages)).map((r) => r['body'])).toEqual(['untouched', 'old']);
      await staged.commit({ stream: 'messages', seq: 2 });
      const rows = await fx.readRows(messages);
      expect(rows.map((r) => [r['id'], r['body'], r['price']])).toEqual([['SM0', 'untouched', null], ['SM1', 'e', -1], ['SM2', 'f', null], ['SM3', 'd', null]]);
      expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map([['messages', 2]]));
      const discarded = await fx.destination.stage(messages, [[{ id: 'SM9' }]]);
      await discarded.discard();
      expect(await fx.readRows(messages)).toHaveLength(4);
    });

    it('keeps a column the definition omits when updating a row', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(messages, [{ id: 'SM1', body: 'kept', price: -0.5 }], { stream: 'messages', seq: 1 });
      const narrow: TableDef = { ...messages, columns: messageColumns.filter((c) => c.name !== 'body') };
      await fx.destination.load(narrow, [{ id: 'SM1', price: -0.75 }], { stream: 'messages', seq: 2 });
      const [row] = await fx.readRows(messages);
      expect([row?.['body'], row?.['price']]).toEqual(['kept', -0.75]);
    });

    it('round-trips every type: awkward text, nulls vs empty strings, extreme numbers, zones (none means UTC)', async () => {
      await fx.destination.ensureTable(messages);
      const rows: Row[] = [
        {
          id: 'SM1', from: '+12019235161', to: '', body: 'tab\there\nnewline\r\nback\\slash \\N "quotes" \'single\' 😀 héllo 中文',
          num_segments: 9007199254740991, price: -0.0075, is_test: false, date_sent: '2019-05-24T17:44:46+02:00',
          tags: '[1,"two",{"three":[3]},null]', subresource_uris_media: '/2010-04-01/Accounts/AC1/Messages/SM1/Media.json',
        },
        { id: 'SM2', body: '\\', price: 1.7976931348623157e308, num_segments: -42, is_test: true, date_sent: '2019-05-24T17:44:46.123Z', tags: '{"a":"😀"}' },
        { id: 'SM3', body: null, price: 5e-324, tags: '[]', date_sent: '1970-01-01T00:00:00.000Z' },
        { id: 'SM4', body: '', price: Number.NaN, tags: null },
        { id: 'SM5', date_sent: '2019-05-24T17:44:46', price: Number.POSITIVE_INFINITY, body: 'lone \ud83d, nul \0, text \\ud83d' },
      ];
      await fx.destination.load(messages, rows, { stream: 'messages', seq: 1 });
      const back = await fx.readRows(messages);
      expect(back).toEqual([
        {
          id: 'SM1', from: '+12019235161', to: '', body: rows[0]?.['body'], num_segments: 9007199254740991, price: -0.0075,
          is_test: false, date_sent: '2019-05-24T15:44:46.000Z', tags: [1, 'two', { three: [3] }, null],
          subresource_uris_media: '/2010-04-01/Accounts/AC1/Messages/SM1/Media.json',
        },
        {
          id: 'SM2', from: null, to: null, body: '\\', num_segments: -42, price: 1.7976931348623157e308, is_test: true,
          date_sent: '2019-05-24T17:44:46.123Z', tags: { a: '😀' }, subresource_uris_media: null,
        },
        {
          id: 'SM3', from: null, to: null, body: null, num_segments: null, price: 5e-324, is_test: null,
          date_sent: '1970-01-01T00:00:00.000Z', tags: [], subresource_uris_media: null,
        },
        {
          id: 'SM4', from: null, to: null, body: '', num_segments: null, price: null, is_test: null, date_sent: null, tags: null,
          subresource_uris_media: null,
        },
        {
          id: 'SM5', from: null, to: null, body: 'lone \ufffd, nul , text \\ud83d', num_segments: null, price: null, is_test: null,
          date_sent: '2019-05-24T17:44:46.000Z', tags: null, subresource_uris_media: null,
        },
      ]);
    });

    it('records the highest loaded seq per stream, also for an empty batch', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 3 });
      await fx.destination.load(messages, [], { stream: 'calls', seq: 7 });
      await fx.destination.load(messages, [{ id: 'SM1' }], { stream: 'messages', seq: 2 });
      expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map([['messages', 3], ['calls', 7]]));
    });

    it('writes the rows and the marker in one transaction: a failing load leaves neither', async () => {
      await fx.destination.ensureTable(messages);
      await fx.destination.load(messages, [{ id: 'SM1', body: 'before' }], { stream: 'messages', seq: 1 });
      const bad: Row[] = [{ id: 'SM1', body: 'after' }, { id: 'SM2', body: 'new' }, { id: 'SM3', date_sent: 'not a date' }];
      await expect(fx.destination.load(messages, bad, { stream: 'messages', seq: 2 })).rejects.toThrow();
      expect(await fx.destination.loadedSeqs(fx.schema)).toEqual(new Map([['messages', 1]]));
      expect((await fx.readRows(messages)).map((r) => [r['id'], r['body']])).toEqual([['SM1', 'before']]);
    });

    it('loads a batch larger than any bind-parameter limit', async () => {
      await fx.destination.ensureTable(messages);
      const rows = Array.from({ length: 8000 }, (_, i) => ({ id: `SM${String(i).padStart(5, '0')}`, from: 'x', to: 'y', body: `b${i}`, price: i }));
      await fx.destination.load(messages, rows, { stream: 'messages', seq: 1 });
      const back = await fx.readRows(messages);
      expect(back).toHaveLength(8000);
      expect(back[7999]?.['price']).toBe(7999);
    });

    it('loads a row with a megabyte of text beside ordinary ones', async () => {
      await fx.destination.ensureTable(messages);
      const long = `${'é "x",\n'.repeat(131_072)}end`;
      await fx.destination.load(messages, [{ id: 'SM1', body: 'short' }, { id: 'SM2', body: long }, { id: 'SM3', body: 'after' }], { stream: 'messages', seq: 1 });
      expect((await fx.readRows(messages)).map((r) => [r['id'], r['body']])).toEqual([['SM1', 'short'], ['SM2', long], ['SM3', 'after']]);
    });

    it('rejects invalid identifiers and rows without an id before writing anything', async () => {
      const cases: TableDef[] = [
        { ...messages, schema: 'Bad-Schema' },
        { ...messages, name: 'messages; drop table x' },
        { ...messages, columns: [...messageColumns, { name: 'a"b', type: 'text' }] },
        { ...messages, columns: [...messageColumns, { name: '1st', type: 'text' }] },
      ];
      for (const table of cases) await expect(fx.destination.ensureTable(table)).rejects.toThrow(InvalidIdentifierError);
      await expect(fx.destination.ensureTable({ ...messages, columns: messageColumns.slice(1) })).rejects.toThrow(InvalidTableError);
      await expect(fx.destination.loadedSeqs('no-such schema')).rejects.toThrow(InvalidIdentifierError);
      await fx.destination.ensureTable(messages);
      await expect(fx.destination.load(messages, [{ body: 'no id' }], { stream: 'messages', seq: 1 })).rejects.toThrow(InvalidTableError);
      expect(await fx.readRows(messages)).toEqual([]);
    });
  });
}
