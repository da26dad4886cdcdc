// Date formats Twilio uses: RFC 2822 for the 2010 API, ISO 8601 (seconds, Z) for Voice Insights.
// Formatting is on the hot path of every listing, so the date part of each day is computed once and cached.

export const DAY = 86_400;

const TWO = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
const rfcDays = new Map<number, string>();
const isoDays = new Map<number, string>();

function dayPart(cache: Map<number, string>, day: number, make: (date: Date) => string): string {
  let part = cache.get(day);
  if (part === undefined) {
    if (cache.size > 4096) cache.clear();
    part = make(new Date(day * DAY * 1000));
    cache.set(day, part);
  }
  return part;
}

function clock(sec: number, day: number): string {
  const s = sec - day * DAY;
  return `${TWO[Math.floor(s / 3600)] as string}:${TWO[Math.floor(s / 60) % 60] as string}:${TWO[s % 60] as string}`;
}

/** `Fri, 24 May 2019 17:44:46 +0000` from whole epoch seconds. */
export function rfc2822(sec: number): string {
  const day = Math.floor(sec / DAY);
  return `${dayPart(rfcDays, day, (d) => d.toUTCString().slice(0, 17))}${clock(sec, day)} +0000`;
}

export function rfc2822OrNull(sec: number | null): string | null {
  return sec === null ? null : rfc2822(sec);
}

/** `2021-08-25T03:40:25Z` from whole epoch seconds. */
export function isoSeconds(sec: number): string {
  const day = Math.floor(sec / DAY);
  return `${dayPart(isoDays, day, (d) => d.toISOString().slice(0, 11))}${clock(sec, day)}Z`;
}

export function isoSecondsOrNull(sec: number | null): string | null {
  return sec === null ? null : isoSeconds(sec);
}
