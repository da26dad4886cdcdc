// What each API request may carry, checked at the boundary: unknown fields are refused so that a typo never passes
// silently as "nothing changed".
import { z } from 'zod';
import { sourceInputSchema, type SourcePatch } from '../service/source-service.js';

export const createSourceBody = sourceInputSchema.strict();

/** Every field optional and without its default (zod's partial() keeps defaults): an update names only what changes. */
const patchShape: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(sourceInputSchema.shape).map(([key, schema]: [string, z.ZodType]) => [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional()]),
);
export const patchSourceBody = z.strictObject(patchShape) as unknown as z.ZodType<SourcePatch>;

export const authenticateBody = sourceInputSchema.pick({ accountSid: true, authToken: true, apiKey: true, apiSecret: true, apiBaseUrl: true }).strict();

export const runBody = z.strictObject({ full: z.boolean().default(false) });

export const runsQuery = z.strictObject({
  source: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export const sourceIdParam = z.string().min(1).max(100).regex(/^[\w-]+$/, 'must be a source id');
