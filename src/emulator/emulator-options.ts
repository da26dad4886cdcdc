// The emulator's run-time settings (server, load, latency, faults) as zod schemas: flags, control API and code share them.
import { z } from 'zod';

export const FAULT_KINDS = ['429', '500', '503', 'reset', 'truncated', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultSettingsSchema = z.strictObject({
  seed: z.number().int().default(1),
  /** Share of API requests that fail, 0–1. */
  rate: z.number().min(0).max(1).default(0),
  kinds: z.array(z.enum(FAULT_KINDS)).min(1).default([...FAULT_KINDS]),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const latencySettingsSchema = z.strictObject({
  fixedMs: z.number().min(0).max(600_000).default(0),
  perRecordMs: z.number().min(0).max(10_000).default(0),
});
export type LatencySettings = z.infer<typeof latencySettingsSchema>;

export const serverSettingsSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Concurrent API requests one account may have in flight before it gets 429 (code 20429). */
  concurrencyLimit: z.number().int().positive().default(100),
  /** Whether 429 answers carry a Retry-After header. */
  retryAfter: z.boolean().default(true),
  latency: latencySettingsSchema.prefault({}),
  faults: faultSettingsSchema.prefault({}),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;
