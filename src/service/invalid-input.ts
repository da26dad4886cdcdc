// Turns a zod failure into InvalidInputError naming the field at fault (its path, dotted), as the HTTP API reports it.
import type { z } from 'zod';
import { InvalidInputError } from './source-service.js';

export function invalidInput(error: z.ZodError): InvalidInputError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'input';
  return new InvalidInputError(field, issue?.message ?? 'is not valid');
}
