// PageTokens: the data layer's opaque position, signed so that a token the emulator did not issue is refused.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { TwilioApiError } from './twilio-api-error.js';

/** What a PageToken carries: where the page starts, where the page before it started, and any frozen window. */
export interface PagePosition {
  /** The data layer's `next` position the page starts after. */
  readonly after: string;
  /** The position the previous page started after (null: the first page); undefined when unknown. */
  readonly previous?: string | null;
  /** Absolute bounds resolved from relative filters (`StartTime=4h`) on the first page, kept for the whole listing. */
  readonly window?: readonly [number, number];
}

const SIGNATURE_LENGTH = 22; // base64url characters of the HMAC kept: 132 bits

export class PageTokenSigner {
  readonly #key = randomBytes(32);

  /** `scope` ties a token to one listing (data generation, path, filters): replaying it elsewhere fails. */
  sign(scope: string, position: PagePosition): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `PA${payload}${this.#signature(scope, payload)}`;
  }

  verify(scope: string, token: string): PagePosition {
    const payload = token.slice(2, -SIGNATURE_LENGTH);
    const given = Buffer.from(token.slice(-SIGNATURE_LENGTH));
    const expected = Buffer.from(this.#signature(scope, payload));
    if (!token.startsWith('PA') || payload.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalidPageToken();
    }
    // The signature vouches for the payload: it is JSON this class wrote.
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PagePosition;
  }

  #signature(scope: string, payload: string): string {
    return createHmac('sha256', this.#key).update(scope).update('\n').update(payload).digest('base64url').slice(0, SIGNATURE_LENGTH);
  }
}

function invalidPageToken(): TwilioApiError {
  return new TwilioApiError(400, 21481, 'Invalid PageToken: start the listing again from its first page, without PageToken');
}
