// What a generated dataset looks like: seed, account count, per-account collection sizes, history and clock.
import { z } from 'zod';

/** Real now, truncated to the minute, so two runs started in the same minute agree. */
function nowToTheMinute(): string {
  const ms = Math.floor(Date.now() / 60_000) * 60_000;
  return new Date(ms).toISOString();
}

const count = (fallback: number) => z.number().int().min(0).max(50_000_000).default(fallback);

export const datasetOptionsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  subaccounts: z.number().int().min(0).max(100).default(2),
  /** Counts are per account (the main account and each subaccount get as many). */
  messages: count(2000),
  calls: count(500),
  conferences: count(50),
  addresses: count(20),
  transcriptions: count(100),
  /** Calls with a Voice Insights annotation, at most the number of calls. */
  annotations: count(100),
  historyDays: z.number().positive().max(3650).default(90),
  now: z.iso.datetime({ offset: true }).default(nowToTheMinute),
});

/** Options as callers write them (every field optional). */
export type DatasetOptionsInput = z.input<typeof datasetOptionsSchema>;
/** Options after defaults. */
export type DatasetOptions = z.output<typeof datasetOptionsSchema>;
