// Where a Twilio path or page link is sent, and which account's concurrency budget it spends.

export interface TwilioBases {
  /** The 2010-04-01 REST API, e.g. https://api.twilio.com (no trailing slash). */
  readonly api: string;
  /** Voice Insights v1, e.g. https://insights.twilio.com (no trailing slash). */
  readonly insights: string;
}

/**
 * Resolves a relative path (`/2010-04-01/…`, `/v1/…`) or an absolute page URL against the configured bases.
 * An absolute URL keeps its path and query as given but goes to the configured base, never to the host it names:
 * the emulator and proxies serve Twilio's links, and credentials are never sent to a host the user did not choose.
 */
export function resolveTwilioUrl(pathOrUrl: string, bases: TwilioBases): string {
  let pathAndQuery = pathOrUrl;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)) {
    const url = new URL(pathOrUrl);
    pathAndQuery = `${url.pathname}${url.search}`;
  }
  if (!pathAndQuery.startsWith('/')) throw new Error(`Not a Twilio API path: ${pathOrUrl}`);
  const base = pathAndQuery.startsWith('/v1/') ? bases.insights : bases.api;
  return `${base}${pathAndQuery}`;
}

/** The path of a URL without its query (queries may hold phone numbers, so messages name only the path). */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** The Account SID a 2010 path addresses; requests without one (Accounts.json, Insights) count for `fallback`. */
export function accountSidOf(url: string, fallback: string): string {
  const match = /\/2010-04-01\/Accounts\/(AC[0-9a-fA-F]{32})(?:[/.]|$)/.exec(new URL(url).pathname);
  return match?.[1] ?? fallback;
}
