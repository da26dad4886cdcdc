// Query strings as Twilio names its parameters: `DateSent>`, `StartTime<`, `PageSize`, encoded like Twilio's SDK.

/** Parameter name → value, keys exactly as Twilio spells them (`DateSent>=`); undefined values are left out. */
export type TwilioQuery = Readonly<Record<string, string | number | boolean | Date | undefined>>;

/** ISO 8601 without milliseconds (`2024-01-01T00:00:00Z`), the form Twilio documents for date-time filters. */
export function formatTwilioDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Percent-encodes like the SDK's HTTP layer: `>` and `+` are escaped, `:` stays readable. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/%3A/gi, ':');
}

/** `{ 'DateSent>': new Date(…) }` → `DateSent%3E=2024-01-01T00:00:00Z`; keys keep their given order. */
export function encodeTwilioQuery(query: TwilioQuery): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const text = value instanceof Date ? formatTwilioDate(value) : String(value);
    parts.push(`${encode(name)}=${encode(text)}`);
  }
  return parts.join('&');
}

/** Appends a query to a path or URL that may already carry one. */
export function withQuery(pathOrUrl: string, query: TwilioQuery): string {
  const encoded = encodeTwilioQuery(query);
  if (encoded === '') return pathOrUrl;
  return `${pathOrUrl}${pathOrUrl.includes('?') ? '&' : '?'}${encoded}`;
}
