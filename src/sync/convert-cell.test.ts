import { describe, expect, it } from 'vitest';
import { convertCell } from './convert-cell.js';

describe('convertCell', () => {
  it.each([
    ['Fri, 24 May 2019 17:44:46 +0000', '2019-05-24T17:44:46.000Z'],
    ['Mon, 01 Jan 2024 00:00:00 +0000', '2024-01-01T00:00:00.000Z'],
    ['Fri, 24 May 2019 19:44:46 +0200', '2019-05-24T17:44:46.000Z'],
    ['Fri, 24 May 2019 17:44:46 GMT', '2019-05-24T17:44:46.000Z'],
    ['2021-08-25T14:46:40Z', '2021-08-25T14:46:40.000Z'],
  ])('reads the date %s as %s, as Date.parse does', (text, iso) => {
    expect(convertCell(text, 'timestamptz')).toBe(iso);
    expect(new Date(Date.parse(text)).toISOString()).toBe(iso);
  });

  it('leaves what is not a date to the raw column', () => {
    expect(convertCell('Fri, 24 Foo 2019 17:44:46 +0000', 'timestamptz')).toBeUndefined();
    expect(convertCell('soon', 'timestamptz')).toBeUndefined();
    expect(convertCell(17, 'timestamptz')).toBeUndefined();
  });

  it('turns Twilio numeric strings into numbers and keeps what does not fit out', () => {
    expect(convertCell('-0.00750', 'double')).toBe(-0.0075);
    expect(convertCell('12', 'bigint')).toBe(12);
    expect(convertCell('', 'bigint')).toBeNull();
    expect(convertCell('1.5', 'bigint')).toBeUndefined();
    expect(convertCell('true', 'boolean')).toBe(true);
    expect(convertCell(['a'], 'json')).toBe('["a"]');
    expect(convertCell({ a: 1 }, 'text')).toBe('{"a":1}');
  });
});
