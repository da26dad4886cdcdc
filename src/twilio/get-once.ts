// One GET to Twilio, read to the end and classified: a JSON body, a transient failure to retry, or a final refusal.
import { z } from 'zod';
import { retryAfterMs } from './backoff.js';

/** Twilio's error body: `{ code, message, more_info, status }`; every part may be missing behind a proxy. */
const twilioErrorBodySchema = z.object({
  code: z.number().nullish(),
  message: z.string().nullish(),
  more_info: z.string().nullish(),
});
export type TwilioErrorBody = z.infer<typeof twilioErrorBodySchema>;

export type GetOutcome =
  | { readonly kind: 'ok'; readonly body: unknown; readonly bytes: number; readonly date: string | null }
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
  readonly authorization: string;
  readonly timeoutMs: number;
  /** The caller's signal: its abort is rethrown, never retried. */
  readonly signal: AbortSignal | undefined;
}

function parseErrorBody(text: string): TwilioErrorBody {
  try {
    const parsed = twilioErrorBodySchema.safeParse(JSON.parse(text));
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
  const controller = new AbortController();
  const timeout = new Error(`timed out after ${request.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), request.timeoutMs);
  const onAbort = (): void => controller.abort(request.signal?.reason);
  request.signal?.addEventListener('abort', onAbort, { once: true });
  let status: number | undefined;
  let bytes = 0;
  try {
    const response = await fetch(request.url, {
      headers: { authorization: request.authorization, accept: 'application/json' },
      signal: controller.signal,
    });
    status = response.status;
    // The timer still runs while the body streams in, so a stalled body times out like a stalled connect.
    // text() decodes in one native step; an ArrayBuffer then a TextDecoder copies every page twice.
    const text = await response.text();
    bytes = text.length;
    if (response.ok) {
      try {
        return { kind: 'ok', body: JSON.parse(text), bytes, date: response.headers.get('date') };
      } catch (error) {
        // Truncated or non-JSON 2xx bodies come from cut connections and proxies: a second read usually works.
        const cause = new Error(`HTTP ${status} with a body that is not complete JSON (${bytes} bytes)`, { cause: error });
        return { kind: 'retry', reason: cause.message, cause, status, retryAfterMs: undefined, bytes };
      }
    }
    const error = parseErrorBody(text);
    if (!isTransient(status)) return { kind: 'refused', status, error, bytes };
    const cause = new Error(describeStatus(status, error));
    const retryAfter = retryAfterMs(response.headers.get('retry-after'));
    return { kind: 'retry', reason: cause.message, cause, status, retryAfterMs: retryAfter, bytes };
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    // Resets, refused connections, socket hang ups and our own timeout all land here; all are worth another try.
    const cause = controller.signal.aborted ? timeout : toError(error);
    const reason = cause === timeout ? timeout.message : describeNetworkError(cause, status);
    return { kind: 'retry', reason, cause, status, retryAfterMs: undefined, bytes };
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onAbort);
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** undici says only "fetch failed" or "terminated"; the useful part (ECONNRESET, other side closed) is its cause. */
function describeNetworkError(error: Error, status: number | undefined): string {
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  const where = status === undefined ? 'connection failed' : `connection broke while reading an HTTP ${status} body`;
  return `${where} (${error.message}${inner})`;
}
