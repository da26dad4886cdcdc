// Date formats Twilio uses: RFC 2822 for the 2010 API, ISO 8601 (seconds, Z) for Voice Insights.

/** `Fri, 24 May 2019 17:44:46 +0000` from epoch seconds. */
export function rfc2822(sec: number): string {
  const s = new Date(sec * 1000).toUTCString(); // "Fri, 24 May 2019 17:44:46 GMT"
  return s.slice(0, -3) + '+0000';
}

export function rfc2822OrNull(sec: number | null): string | null {
  return sec === null ? null : rfc2822(sec);
}

/** `2021-08-25T03:40:25Z` from epoch seconds. */
export function isoSeconds(sec: number): string {
  return new Date(sec * 1000).toISOString().slice(0, 19) + 'Z';
}

export function isoSecondsOrNull(sec: number | null): string | null {
  return sec === null ? null : isoSeconds(sec);
}

export const DAY = 86_400;
