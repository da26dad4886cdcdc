// Percent-encodes query keys and values the way Twilio writes them into page URIs (`DateSent%3E=…`, `%2B1555…`).

/** application/x-www-form-urlencoded: space as '+', everything but letters, digits and `-._~` escaped. */
export function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `key=value&…` in the given order, each side form-encoded. */
export function formQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([key, value]) => `${formEncode(key)}=${formEncode(value)}`).join('&');
}
