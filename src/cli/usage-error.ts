// A bad flag or value: reported in one line naming the flag, before any request is made.
import type { z } from 'zod';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses with a zod schema; the first problem becomes a UsageError naming the flag the user typed. */
export function parseFlags<T extends z.ZodType>(schema: T, input: unknown, flagOf: Readonly<Record<string, string>>): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const flag = flagOf[field] ?? field;
  const value = issue?.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], input);
  const shown = typeof value === 'string' && !/token|secret/i.test(field) ? ` (got "${value}")` : '';
  throw new UsageError(`${flag} ${issue?.message ?? 'is invalid'}${shown}`);
}
