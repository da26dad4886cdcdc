// The settings of one sync, validated at the boundary (flags, environment, stored sources) with field-level errors.
import { z } from 'zod';
import { collectionNames } from '../collections/collection.js';

export const accountSidSchema = z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC followed by 32 hex digits');
export const schemaNameSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lowercase letters, digits and underscores, start with a letter or underscore, at most 63 characters');

/** Durations such as `7d`, `12h`, `30m`. */
export const durationSchema = z
  .string()
  .regex(/^\d+(d|h|m)$/, 'must be a number followed by d, h or m, like 7d')
  .transform((text) => Number(text.slice(0, -1)) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[text.slice(-1) as 'd' | 'h' | 'm']);

const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-01-31')
  .refine((text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), 'is not a real date');

export const syncSettingsSchema = z
  .object({
    accountSid: accountSidSchema,
    authToken: z.string().min(1).optional(),
    apiKey: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'must be an API key SID: SK followed by 32 hex digits').optional(),
    apiSecret: z.string().min(1).optional(),
    subaccount: accountSidSchema.optional(),
    includeSubaccounts: z.boolean().default(false),
    apiBaseUrl: z.url({ error: 'must be a URL like http://127.0.0.1:3000' }).optional(),
    warehouse: z.string().regex(/^(duckdb:.+|postgres(ql)?:\/\/.+|.+\.duckdb)$/, 'must be duckdb:PATH or postgres://…'),
    schema: schemaNameSchema.default('twilio'),
    collections: z.array(z.enum(collectionNames, { error: `must be among ${collectionNames.join(', ')}` })).min(1).default([...collectionNames]),
    startDate: dateSchema.nullable().default(null),
    lookbackMs: z.number().int().nonnegative().default(7 * 86_400_000),
    full: z.boolean().default(false),
    /** Read call feedback call by call (one annotation request per call) instead of from the call summaries. */
    annotationsPerCall: z.boolean().default(false),
    concurrency: z.number().int().min(1).max(100).default(10),
    /** Loaded batches stay in the hub this long before they are pruned. */
    hubRetentionMs: z.number().int().nonnegative().default(86_400_000),
    /** Retries of one request (429, 5xx, resets, timeouts) before its collection fails. */
    maxRetries: z.number().int().min(0).max(50).default(8),
    /** One request, body included, may take this long before it is retried. */
    timeoutMs: z.number().int().positive().default(60_000),
  })
  .superRefine((settings, ctx) => {
    const hasToken = settings.authToken !== undefined;
    const hasKey = settings.apiKey !== undefined || settings.apiSecret !== undefined;
    if (hasToken === hasKey) ctx.addIssue({ code: 'custom', path: ['authToken'], message: 'give either an Auth Token or an API key and secret' });
    if (hasKey && (settings.apiKey === undefined || settings.apiSecret === undefined)) {
      ctx.addIssue({ code: 'custom', path: [settings.apiKey === undefined ? 'apiKey' : 'apiSecret'], message: 'an API key needs both its SID and its secret' });
    }
    if (settings.subaccount !== undefined && settings.includeSubaccounts) {
      ctx.addIssue({ code: 'custom', path: ['subaccount'], message: 'choose one subaccount or all of them, not both' });
    }
  });

export type SyncSettings = z.output<typeof syncSettingsSchema>;
export type SyncSettingsInput = z.input<typeof syncSettingsSchema>;
