// Reads the date values Twilio accepts in list filters: a whole UTC day, an ISO 8601 instant or an RFC 2822 date.

const DAY_MS = 86_400_000;

/** The span a filter value names: a whole UTC day for `YYYY-MM-DD`, otherwise one second (or one millisecond). */
export interface DateSpan {
  readonly startMs: number;
  readonly endMs: number;
  readonly dateOnly: boolean;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UTC?|[ECMP][SD]T)$/;
// Twilio's own spec examples also send `06/11/2019 22:05:25 MST`, which its API accepts.
const US_WITH_ZONE = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} (?:GMT|UTC?|[ECMP][SD]T|[+-]\d{4})$/;

/** The span, or undefined when the value is not a date Twilio would accept. */
export function parseTwilioDate(value: string): DateSpan | undefined {
  const text = value.trim();
  const day = DATE_ONLY.exec(text);
  if (day) {
    const startMs = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    // Date.UTC rolls 2024-02-31 over to March: reject instead of guessing.
    if (new Date(startMs).toISOString().slice(0, 10) !== text) return undefined;
    return { startMs, endMs: startMs + DAY_MS, dateOnly: true };
  }
  const iso = ISO.exec(text);
  if (iso) {
    // Without an offset ISO 8601 means local time to Date.parse; Twilio reads such values as UTC.
    const normalised = text.replace(' ', 'T') + (iso[2] ? '' : 'Z');
    return instant(Date.parse(normalised), iso[1] !== undefined && !/^\.0+$/.test(iso[1]));
  }
  if (RFC_2822.test(text) || US_WITH_ZONE.test(text)) return instant(Date.parse(text), false);
  return undefined;
}

function instant(ms: number, hasMillis: boolean): DateSpan | undefined {
  if (Number.isNaN(ms)) return undefined;
  return { startMs: ms, endMs: ms + (hasMillis ? 1 : 1000), dateOnly: false };
}

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export { DAY_MS };
