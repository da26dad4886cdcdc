// Converts one Twilio value to a warehouse column type; Twilio sends dates as RFC 2822 and numbers as strings.
import type { Cell, ColumnType } from '../warehouse/table.js';

/** The value converted, or `undefined` when the column's type cannot hold it (the caller keeps the raw value). */
export function convertCell(value: unknown, type: ColumnType): Cell | undefined {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
      if (typeof value === 'string') return value;
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
    case 'json':
      return JSON.stringify(value);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'bigint':
    case 'double':
      return toNumber(value, type === 'bigint');
    case 'timestamptz':
      return toTimestamp(value);
  }
}

function toNumber(value: unknown, integer: boolean): Cell | undefined {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    if (value.trim() === '') return null; // Twilio sends "" for an unknown count or price
    n = Number(value);
  } else return undefined;
  if (!Number.isFinite(n)) return undefined;
  if (integer && !Number.isSafeInteger(n)) return undefined;
  return n;
}

const MONTHS: Readonly<Record<string, string>> = { Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12' };
/** Fixed width: day at 5, month at 8, year at 12, time at 17. */
const RFC2822_UTC = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

function toTimestamp(value: unknown): Cell | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === '') return null;
  // Twilio's own form ("Fri, 24 May 2019 17:44:46 +0000") is rewritten as text: it is most of a sync's dates, and
  // this is several times cheaper than parsing to a Date and formatting it back (and test, unlike exec, makes no
  // array of matches for each date).
  const month = RFC2822_UTC.test(value) ? MONTHS[value.slice(8, 11)] : undefined;
  if (month !== undefined) return `${value.slice(12, 16)}-${month}-${value.slice(5, 7)}T${value.slice(17, 25)}.000Z`;
  const ms = Date.parse(value); // other offsets, other RFC 2822 spellings, ISO 8601
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The type a field gets the first time it is seen, when the collection does not declare it. */
export function inferType(value: unknown): ColumnType | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'double';
  if (Array.isArray(value) || typeof value === 'object') return 'json';
  return 'text';
}
