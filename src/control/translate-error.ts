// Turns a driver's unique violation into ControlStoreConflictError, so callers need not know either driver's errors.
import { ControlStoreConflictError } from './control-errors.js';

export function translateError(error: unknown): unknown {
  const fields = error as { code?: unknown; constraint?: unknown } | null;
  if (fields?.code === '23505') return new ControlStoreConflictError(typeof fields.constraint === 'string' ? fields.constraint : 'unique', { cause: error });
  return error;
}

/** Runs a driver call, rethrowing its error translated. */
export async function translated<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateError(error);
  }
}
