// One GET to Twilio, read to the end and classified: a JSON body, a transient failure to retry, or a final refusal.
import { z } from 'zod';
import { retryAfterMs } from './backoff.js';
import type { ParsedJson } from '../parse-json-bytes.js';
import { ACCEPT_ENCODING, parseBody } from './parse-body.js';
import type { HttpAgents } from './http-agents.js';
import { GetBrokenError, sendGet } from './send-get.js';

/** Twilio's error body: `{ code, message, more_info, status }`; every part may be missing behind a proxy. */
const twilioErrorBodySchema = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  more_info: z.string().nullish(),
});
export type TwilioErrorBody = z.infer<typeof twilioErrorBodySchema>;

/** Named so that Twilio's support can tell this tool's traffic apart (fetch sent `node`). */
const USER_AGENT = 'twilio-source';

export type GetOutcome =
  | { readonly kind: 'ok'; readonly body: ParsedJson; readonly bytes: number; readonly date: string | null }
  | {
      readonly kind: 'retry';
      readonly reason: string;
      readonly cause: Error;
      readonly status: number | undefined;
      readonly retryAfterMs: number | undefined;
      readonly bytes: number;
    }
  | { readonly kind: 'refused'; readonly status: number; readonly error: TwilioErrorBody; readonly bytes: number };

export interface GetOnceRequest {
  readonly url: string;
  /** The client's keep-alive pools; the URL's protocol picks one. */
  readonly agents: HttpAgents;
  readonly authorization: string;
  /** For the whole request, body included. */
  readonly timeoutMs: number;
  /** The caller's signal: its abort is rethrown, never retried. */
  readonly signal: AbortSignal | undefined;
  /** A list's key: its records are checked and left as bytes (parseJsonLeaving). */
  readonly leave?: string | undefined;
}

/** Twilio's code and message when the body carries them; nothing when it is HTML, empty or undecodable. */
function parseErrorBody(body: Buffer, contentEncoding: string | undefined): TwilioErrorBody {
  try {
    const parsed = twilioErrorBodySchema.safeParse(parseBody(body, contentEncoding, undefined).value);
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** `HTTP 429 (error 20429: Too Many Requests)`: the one-line description used in retries and errors. */
export function describeStatus(status: number, error: TwilioErrorBody): string {
  const detail = [error.code == null ? undefined : `error ${error.code}`, error.message ?? undefined]
    .filter((part) => part !== undefined)
    .join(': ');
  return detail === '' ? `HTTP ${status}` : `HTTP ${status} (${detail})`;
}

/** Transient statuses: rate limits (any code, 20429 included), server errors, and a request timeout. */
function isTransient(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

export async function getOnce(request: GetOnceRequest): Promise<GetOutcome> {
  const url = new URL(request.url);
  const headers = { authorization: request.authorization, accept: 'application/json', 'accept-encoding': ACCEPT_ENCODING, 'user-agent': USER_AGENT };
  let answer;
  try {
    answer = await sendGet({ url, agent: request.agents.for(url), headers, timeoutMs: request.timeoutMs, signal: request.signal });
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    // Resets, refused connections, socket hang ups, bodies cut short and our own timeout: all worth another try.
    const cause = error instanceof GetBrokenError ? error : new GetBrokenError(`connection failed (${String(error)})`, undefined, 0, { cause: error });
    return { kind: 'retry', reason: cause.message, cause, status: cause.status, retryAfterMs: undefined, bytes: cause.bytes };
  }
  const { status, headers: answerHeaders, body } = answer;
  const bytes = body.length;
  if (status >= 200 && status < 300) {
    try {
      const date = answerHeaders.date ?? null;
      return { kind: 'ok', body: parseBody(body, answerHeaders['content-encoding'], request.leave), bytes, date };
    } catch (error) {
      // Truncated or non-JSON 2xx bodies come from cut connections and proxies: a second read usually works.
      const cause = new Error(`HTTP ${status} with a body that is not complete JSON (${bytes} bytes)`, { cause: error });
      return { kind: 'retry', reason: cause.message, cause, status, retryAfterMs: undefined, bytes };
    }
  }
  const error = parseErrorBody(body, answerHeaders['content-encoding']);
  if (!isTransient(status)) return { kind: 'refused', status, error, bytes };
  const cause = new Error(describeStatus(status, error));
  const retryAfter = retryAfterMs(answerHeaders['retry-after'] ?? null);
  return { kind: 'retry', reason: cause.message, cause, status, retryAfterMs: retryAfter, bytes };
}
