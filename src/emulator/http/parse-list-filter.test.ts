import { describe, expect, it } from 'vitest';
import { COLLECTIONS_BY_RESOURCE } from './collection-specs.js';
import { formQuery } from './form-encode.js';
import { parseListFilter } from './parse-list-filter.js';
import { TwilioApiError } from './twilio-api-error.js';

const spec = (resource: string) => {
  const found = COLLECTIONS_BY_RESOURCE.get(resource);
  if (!found) throw new Error(resource);
  return found;
};
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

describe('parseListFilter', () => {
  it('reads DateSent>= as on or after, and DateSent<= with a date as the whole day included', () => {
    const { filter } = parseListFilter([['DateSent>', '2026-01-02'], ['DateSent<', '2026-01-05']], spec('Messages').params);
    expect(filter.ranges).toEqual([{ field: 'date_sent', gte: day('2026-01-02'), lt: day('2026-01-06') }]);
  });

  it('reads DateSent<= with a date and time as strictly before it, in ISO 8601 or RFC 2822', () => {
    for (const value of ['2026-01-05T10:00:00Z', '2026-01-05 10:00:00', 'Mon, 05 Jan 2026 10:00:00 +0000', '2026-01-05T11:00:00+01:00']) {
      const { filter } = parseListFilter([['DateSent<', value]], spec('Messages').params);
      expect(filter.ranges, value).toEqual([{ field: 'date_sent', lt: Date.parse('2026-01-05T10:00:00Z') }]);
    }
  });

  it('reads an equality as that day or that second, and keeps the tightest of several bounds', () => {
    expect(parseListFilter([['StartTime', '2026-01-05']], spec('Calls').params).filter.ranges).toEqual([
      { field: 'start_time', gte: day('2026-01-05'), lt: day('2026-01-06') },
    ]);
    const both = parseListFilter([['EndTime', '2026-01-05T10:00:00Z'], ['EndTime>', '2026-01-01']], spec('Calls').params);
    expect(both.filter.ranges).toEqual([{ field: 'end_time', gte: Date.parse('2026-01-05T10:00:00Z'), lt: Date.parse('2026-01-05T10:00:01Z') }]);
  });

  it('names the parameter of a bad value', () => {
    const bad = (query: [string, string][], resource: string): TwilioApiError => {
      try {
        parseListFilter(query, spec(resource).params);
      } catch (error) {
        if (error instanceof TwilioApiError) return error;
      }
      throw new Error('expected a TwilioApiError');
    };
    expect(bad([['DateSent<', '2026-02-30']], 'Messages').message).toContain('DateSent<');
    expect(bad([['Status', 'done']], 'Calls')).toMatchObject({ status: 400, code: 20001 });
    expect(bad([['EmergencyEnabled', 'yes']], 'Addresses').message).toContain('EmergencyEnabled');
  });

  it('maps equality filters to fields, ignores unknown parameters and applies defaults', () => {
    const parsed = parseListFilter([['EmergencyEnabled', 'True'], ['IsoCountry', 'US'], ['Foo', 'bar']], spec('Addresses').params);
    expect(parsed.filter).toEqual({ equals: { emergency_enabled: true, iso_country: 'US' } });
    expect(parsed.echo).toEqual([['EmergencyEnabled', 'True'], ['IsoCountry', 'US']]);
    const conferences = spec('Conferences');
    expect(parseListFilter([], conferences.params, conferences.defaults).filter).toEqual({ equals: { status: 'in-progress' } });
    expect(parseListFilter([['Status', 'completed']], conferences.params, conferences.defaults).filter).toEqual({ equals: { status: 'completed' } });
  });
});

describe('formQuery', () => {
  it('encodes as Twilio writes its page URIs', () => {
    expect(formQuery([['To', '+123456789'], ['DateSent>', '06/11/2019 22:05:25 MST'], ['ToCarrier', 'AT&T Wireless']])).toBe(
      'To=%2B123456789&DateSent%3E=06%2F11%2F2019+22%3A05%3A25+MST&ToCarrier=AT%26T+Wireless',
    );
  });
});
