import { describe, expect, it } from 'vitest';
import { allCollections } from '../collections/all-collections.js';
import { TableShape } from './table-shape.js';

const message = {
  sid: 'SM00000000000000000000000000000001',
  from: '+15551230000',
  to: '+15559870000',
  body: 'héllo 👋',
  num_segments: '2',
  num_media: '0',
  price: '-0.00750',
  error_code: null,
  date_sent: 'Fri, 24 May 2019 17:44:50 +0000',
  subresource_uris: { media: '/2010-04-01/…/Media.json' },
};

describe('TableShape', () => {
  it('types Twilio values: RFC 2822 dates, numeric strings, nested objects flattened', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    const flat = [message];
    shape.discover(flat);
    const { rows, notices } = shape.toRows(flat, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:01.000Z');
    expect(notices).toEqual([]);
    expect(rows[0]).toMatchObject({
      id: message.sid,
      from: '+15551230000',
      to: '+15559870000',
      num_segments: 2,
      price: -0.0075,
      error_code: null,
      date_sent: '2019-05-24T17:44:50.000Z',
      subresource_uris_media: '/2010-04-01/…/Media.json',
      received_at: '2024-01-01T00:00:00.000Z',
    });
  });

  it('adds a column for a field Twilio adds later, typed from its first value', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    shape.adopt(shape.def.columns);
    shape.discover([{ ...message, tags: { campaign: 'x' }, risk_score: 0.5, labels: ['a'] }]);
    expect(shape.changed).toBe(true);
    const types = Object.fromEntries(shape.def.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ tags_campaign: 'text', risk_score: 'double', labels: 'json' });
  });

  it('keeps a value its column cannot hold in <field>_raw and says so', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    const flat = [{ ...message, date_sent: 'not a date', num_segments: 'many' }];
    shape.discover(flat);
    const { rows, notices } = shape.toRows(flat, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z');
    expect(rows[0]).toMatchObject({ date_sent: null, date_sent_raw: 'not a date', num_segments: null, num_segments_raw: 'many' });
    expect(notices).toHaveLength(2);
    expect(shape.def.columns.find((c) => c.name === 'date_sent_raw')?.type).toBe('text');
  });

  it('keeps the warehouse type of an existing column', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    shape.adopt([{ name: 'risk_score', type: 'text' }]);
    const flat = [{ ...message, risk_score: 0.5 }];
    shape.discover(flat);
    expect(shape.toRows(flat, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z').rows[0]?.['risk_score']).toBe('0.5');
  });

  it('discovers while it shapes: a field first seen in toRows gets its column, and the shape says it changed', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    shape.adopt(shape.def.columns);
    const { rows } = shape.toRows([{ ...message, tags: { campaign: 'x' }, labels: ['a'] }], 'x', 'y');
    expect(shape.changed).toBe(true);
    expect(rows[0]).toMatchObject({ tags_campaign: 'x', labels: '["a"]' });
    expect(shape.def.columns.filter((c) => c.name === 'tags_campaign' || c.name === 'labels')).toEqual([
      { name: 'tags_campaign', type: 'text' },
      { name: 'labels', type: 'json' },
    ]);
  });

  it('skips a record without its id and reports it', () => {
    const shape = new TableShape('twilio', allCollections.messages);
    const { rows, notices } = shape.toRows([{ ...message, sid: null }], 'x', 'y');
    expect(rows).toEqual([]);
    expect(notices[0]).toContain('without sid');
  });
});
