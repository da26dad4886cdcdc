// The Twilio HTTP client: auth, base URLs, retries, per-account concurrency, both paging envelopes, and stats.
import { parseJsonBytes, type JsonObjects, type ParsedJson } from '../parse-json-bytes.js';
import { backoffDelay, sleep } from './backoff.js';
import { getOnce } from './get-once.js';
import { HttpAgents } from './http-agents.js';
import { readEnvelope } from './read-envelope.js';
import { refusalError } from './refusal-error.js';
import { Semaphore } from './semaphore.js';
import { listSubaccounts, type Subaccount } from './list-subaccounts.js';
import { checkCredentials, type AccountInfo } from './check-credentials.js';
import {
  resolveTwilioClientOptions,
  type ResolvedTwilioClientOptions,
  type TwilioClientOptions,
} from './twilio-client-options.js';
import { TwilioEnvelopeError, TwilioUnavailableError } from './twilio-errors.js';
import { withQuery, type TwilioQuery } from './twilio-query.js';
import { accountSidOf, pathOf, resolveTwilioUrl, type TwilioBases } from './twilio-url.js';

/** Counters for progress lines and run reports. `requests` counts every attempt, retries included. */
export interface TwilioClientStats {
  readonly requests: number;
  readonly pages: number;
  readonly retries: number;
  /** Answers with HTTP 429 (Twilio's 20429: too many concurrent requests). */
  readonly rateLimited: number;
  /** Calls that ended in an error (refusals and exhausted retries). */
  readonly failures: number;
  /** Response body bytes received. */
  readonly bytes: number;
}

/** One page of a list: its records, and the URI it was read from (for logs and resumable reports). */
export interface TwilioPage {
  readonly count: number;
  /**
   * The records' JSON array exactly as Twilio sent it, when the page was large enough to be read in pieces and each
   * record is an object: checked as JSON but not parsed, so a page bound for the hub costs no objects.
   */
  readonly recordsJson: JsonObjects | undefined;
  /** The records; parsed from recordsJson at the first call when the page has it. */
  records(): unknown[];
  readonly pageUri: string;
}

function pageOf(records: unknown[] | JsonObjects, pageUri: string): TwilioPage {
  if (Array.isArray(records)) return { count: records.length, recordsJson: undefined, records: () => records, pageUri };
  let parsed: unknown[] | undefined;
  return { count: records.count, recordsJson: records, records: () => (parsed ??= parseJsonBytes(records.bytes) as unknown[]), pageUri };
}

export class TwilioClient {
  readonly accountSid: string;
  /** The API key SID when the credentials are a key; undefined with an Auth Token. */
  readonly apiKey: string | undefined;
  readonly #options: ResolvedTwilioClientOptions;
  readonly #authorization: string;
  readonly #bases: TwilioBases;
  readonly #semaphores = new Map<string, Semaphore>();
  /** Connections kept alive between pages: a new TCP (and TLS) handshake per page would cost more than the page. */
  readonly #agents: HttpAgents;
  readonly #stats = { requests: 0, pages: 0, retries: 0, rateLimited: 0, failures: 0, bytes: 0 };
  /** Twilio's clock minus ours, from the Date header of the last answer. */
  #clockSkewMs = 0;

  constructor(options: TwilioClientOptions) {
    this.#options = resolveTwilioClientOptions(options);
    const { accountSid, authToken, apiKey, apiSecret } = this.#options.credentials;
    this.accountSid = accountSid;
    this.apiKey = apiKey;
    const user = apiKey ?? accountSid;
    const password = apiKey === undefined ? authToken : apiSecret;
    this.#authorization = `Basic ${Buffer.from(`${user}:${password ?? ''}`).toString('base64')}`;
    this.#bases = { api: this.#options.apiBaseUrl, insights: this.#options.insightsBaseUrl };
    this.#agents = new HttpAgents(this.#options.maxConcurrency);
  }

  /** A snapshot: later requests do not change an object already handed out. */
  get stats(): TwilioClientStats {
    return Object.freeze({ ...this.#stats });
  }

  /**
   * Twilio's clock now, from the Date header of the latest answer (our own clock before any answer). Cursors and
   * retention limits are Twilio's, so a machine whose clock is off never skips records or asks past them.
   */
  serverNow(): Date {
    return new Date(Date.now() + this.#clockSkewMs);
  }

  /** One GET with retries. `/v1/…` goes to Voice Insights, `/2010-04-01/…` to the REST API; absolute URLs keep only path and query. */
  async getJson<T = unknown>(pathOrUrl: string, query: TwilioQuery = {}): Promise<T> {
    return (await this.#get(resolveTwilioUrl(withQuery(pathOrUrl, query), this.#bases))).value as T;
  }

  /**
   * Every page of a list, following Twilio's own next link verbatim (never building page tokens).
   * The first request asks for PageSize=1000 unless the query sets PageSize.
   */
  async *listPages(path: string, query: TwilioQuery, envelopeKey: string): AsyncGenerator<TwilioPage> {
    let pageUri: string | null = withQuery(path, 'PageSize' in query ? query : { ...query, PageSize: 1000 });
    const seen = new Set<string>();
    while (pageUri !== null) {
      const url = resolveTwilioUrl(pageUri, this.#bases);
      if (seen.has(url)) {
        throw new TwilioEnvelopeError(`Twilio's list at ${pathOf(url)} links back to a page already read: stopping so the read ends`);
      }
      seen.add(url);
      const envelope = readEnvelope(await this.#get(url, envelopeKey), envelopeKey, pathOf(url));
      this.#stats.pages += 1;
      yield pageOf(envelope.records, pageUri);
      pageUri = envelope.next;
    }
  }

  /** GET /2010-04-01/Accounts/{sid}.json: the account's name, status and type, or a TwilioAuthError. */
  checkCredentials(): Promise<AccountInfo> {
    return checkCredentials(this);
  }

  /** Every account /Accounts.json lists except the one the credentials belong to. */
  listSubaccounts(): Promise<Subaccount[]> {
    return listSubaccounts(this);
  }

  async #get(url: string, leave?: string): Promise<ParsedJson> {
    const { maxRetries, timeoutMs, signal, onRetry } = this.#options;
    const path = pathOf(url);
    const semaphore = this.#semaphoreFor(accountSidOf(url, this.accountSid));
    for (let attempt = 1; ; attempt += 1) {
      const release = await semaphore.acquire(signal);
      let outcome;
      try {
        this.#stats.requests += 1;
        outcome = await getOnce({ url, agents: this.#agents, authorization: this.#authorization, timeoutMs, signal, leave });
      } finally {
        release();
      }
      this.#stats.bytes += outcome.bytes;
      if (outcome.kind === 'ok') {
        const date = outcome.date === null ? Number.NaN : Date.parse(outcome.date);
        if (!Number.isNaN(date)) this.#clockSkewMs = date - Date.now();
        return outcome.body;
      }
      if (outcome.kind === 'refused') {
        this.#stats.failures += 1;
        throw refusalError(outcome.status, outcome.error, { path, accountSid: this.accountSid, apiKey: this.apiKey });
      }
      if (outcome.status === 429) this.#stats.rateLimited += 1;
      if (attempt > maxRetries) {
        this.#stats.failures += 1;
        throw new TwilioUnavailableError(
          `Twilio did not answer GET ${path} after ${attempt} attempt${attempt === 1 ? '' : 's'} (last: ${outcome.reason}): try again later`,
          attempt,
          { cause: outcome.cause, ...(outcome.status === undefined ? {} : { status: outcome.status }) },
        );
      }
      const delayMs = this.#delayBefore(attempt, outcome.retryAfterMs);
      this.#stats.retries += 1;
      onRetry?.({ attempt, delayMs, reason: outcome.reason, status: outcome.status, path });
      await sleep(delayMs, signal);
    }
  }

  #delayBefore(attempt: number, retryAfterMs: number | undefined): number {
    const { backoffBaseMs, backoffCapMs, retryAfterCapMs } = this.#options;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs, retryAfterCapMs);
    return backoffDelay(attempt - 1, backoffBaseMs, backoffCapMs);
  }

  #semaphoreFor(accountSid: string): Semaphore {
    let semaphore = this.#semaphores.get(accountSid);
    if (semaphore === undefined) {
      semaphore = new Semaphore(this.#options.maxConcurrency);
      this.#semaphores.set(accountSid, semaphore);
    }
    return semaphore;
  }
}
