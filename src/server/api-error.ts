// The HTTP API's one error shape, `{ error: { code, message, field } }`, and the mapping from the service's errors.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { ConflictError, InvalidInputError, NotFoundError } from '../service/source-service.js';

export type ApiErrorCode = 'invalid_input' | 'invalid_json' | 'unauthorized' | 'not_found' | 'conflict' | 'too_large' | 'internal';

const statusOf: Readonly<Record<ApiErrorCode, ContentfulStatusCode>> = {
  invalid_input: 400,
  invalid_json: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  internal: 500,
};

export interface ApiErrorBody {
  readonly error: { readonly code: ApiErrorCode; readonly message: string; readonly field: string | null };
}

/** An answer other than 2xx; `field` names the input at fault, as `labels.team` or `collections.1`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get status(): ContentfulStatusCode {
    return statusOf[this.code];
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

/** The first zod issue as a 400 naming its field; unknown keys are named one by one. */
export function fromZodError(error: z.ZodError, prefix = ''): ApiError {
  const issue = error.issues[0];
  if (!issue) return new ApiError('invalid_input', 'the input is invalid', null, { cause: error });
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = [prefix, ...path.map(String)].filter((part) => part !== '').join('.') || null;
  const message = issue.code === 'unrecognized_keys' ? 'is not a known field' : issue.message;
  return new ApiError('invalid_input', field ? `${field}: ${message}` : message, field, { cause: error });
}

/** Maps the service's named errors to their answers; anything else is a 500 that says nothing of its cause. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof InvalidInputError) return new ApiError('invalid_input', error.message, error.field, { cause: error });
  if (error instanceof NotFoundError) return new ApiError('not_found', error.message, null, { cause: error });
  if (error instanceof ConflictError) return new ApiError('conflict', error.message, null, { cause: error });
  return new ApiError('internal', 'the server failed to answer: see its log', null, { cause: error });
}
