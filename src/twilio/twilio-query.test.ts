// Query strings carry Twilio's own parameter names, encoded as on the wire.
import { expect, it } from 'vitest';
import { encodeTwilioQuery, withQuery } from './twilio-query.js';

it('encodes comparison suffixes, dates, phone numbers and spaces', () => {
  expect(
    encodeTwilioQuery({
      'DateSent>': new Date('2024-01-01T00:00:00.000Z'),
      'StartTime<': '2024-02-01',
      To: '+15551234567',
      FriendlyName: 'a b&c',
      Missing: undefined,
      PageSize: 1000,
      Flag: true,
    }),
  ).toBe('DateSent%3E=2024-01-01T00:00:00Z&StartTime%3C=2024-02-01&To=%2B15551234567&FriendlyName=a%20b%26c&PageSize=1000&Flag=true');
});

it('appends to a path with or without a query', () => {
  expect(withQuery('/a.json', { 'DateSent>=': '2024-01-01' })).toBe('/a.json?DateSent%3E%3D=2024-01-01');
  expect(withQuery('/a.json?X=1', { Y: 2 })).toBe('/a.json?X=1&Y=2');
  expect(withQuery('/a.json', {})).toBe('/a.json');
});
