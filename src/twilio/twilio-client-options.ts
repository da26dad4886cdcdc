// The Twilio client's options, validated with zod before any request is made.
import { z } from 'zod';
import { TwilioConfigError } from './twilio-errors.js';

/** What the client tells the `onRetry` hook before it waits and tries again. */
export interface RetryEvent {
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt (Retry-After when Twilio sent one). */
  readonly delayMs: number;
  /** One line: `HTTP 429 (error 20429: Too many requests)`, `timed out after 60000 ms`, … */
  readonly reason: string;
  /** The HTTP status when there was an answer. */
  readonly status: number | undefined;
  /** The request's path, without its query. */
  readonly path: string;
}

const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${prefix} followed by 32 hex digits`);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const credentialsSchema = z
  .strictObject({
    accountSid: sid('AC'),
    authToken: z.string().min(1).optional(),
    apiKey: sid('SK').optional(),
    apiSecret: z.string().min(1).optional(),
  })
  .refine((c) => (c.authToken !== undefined) !== (c.apiKey !== undefined || c.apiSecret !== undefined), {
    error: 'give either authToken, or apiKey and apiSecret',
  })
  .refine((c) => (c.apiKey === undefined) === (c.apiSecret === undefined), {
    error: 'apiKey and apiSecret go together',
  });

export const twilioClientOptionsSchema = z.object({
  /** Auth Token, or an API key (SK…) and its secret; the Account SID goes in the paths either way. */
  credentials: credentialsSchema,
  /** Sends both the 2010 API and Voice Insights to this one host (the emulator serves both). */
  baseUrl: httpUrl.optional(),
  apiBaseUrl: httpUrl.default('https://api.twilio.com'),
  insightsBaseUrl: httpUrl.default('https://insights.twilio.com'),
  /** Requests in flight per account; Twilio's own limit is 100, and other tools share it. */
  maxConcurrency: z.int().min(1).max(100).default(10),
  /** For the whole request, body included. */
  timeoutMs: z.int().positive().default(60_000),
  /** Retries after the first attempt. */
  maxRetries: z.int().min(0).max(100).default(8),
  backoffBaseMs: z.number().min(0).default(500),
  backoffCapMs: z.number().min(0).default(30_000),
  /** The longest Retry-After the client obeys; a bigger one is shortened to this. */
  retryAfterCapMs: z.number().min(0).default(120_000),
  /** Aborts every request, wait and queue of this client. */
  signal: z.instanceof(AbortSignal).optional(),
  onRetry: z.custom<(event: RetryEvent) => void>((value) => typeof value === 'function').optional(),
});

export type TwilioClientOptions = z.input<typeof twilioClientOptionsSchema>;

/** The options with defaults applied and both base URLs settled (no trailing slash). */
export type ResolvedTwilioClientOptions = Omit<z.output<typeof twilioClientOptionsSchema>, 'baseUrl'>;

/** Validates the options; the error names the bad fields but never echoes a value (they may be secrets). */
export function resolveTwilioClientOptions(options: TwilioClientOptions): ResolvedTwilioClientOptions {
  const parsed = twilioClientOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new TwilioConfigError(`Invalid Twilio client options: ${problems.join('; ')}`);
  }
  const { baseUrl, ...rest } = parsed.data;
  const trim = (url: string): string => url.replace(/\/+$/, '');
  return {
    ...rest,
    apiBaseUrl: trim(baseUrl ?? rest.apiBaseUrl),
    insightsBaseUrl: trim(baseUrl ?? rest.insightsBaseUrl),
  };
}
