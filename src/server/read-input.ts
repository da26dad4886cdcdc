// Reads a request's JSON body, path id and query through zod, turning the first problem into a 400 naming its field.
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, fromZodError } from './api-error.js';
import { sourceIdParam } from './api-schemas.js';

export async function readBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const text = await c.req.text();
  let json: unknown = {};
  if (text.trim() !== '') {
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ApiError('invalid_json', 'the body is not valid JSON: send an object such as {"name": "Twilio Prod", …}', null, { cause: error });
    }
  }
  const result = schema.safeParse(json);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

export function readQuery<T extends z.ZodType>(c: Context, schema: T): z.output<T> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

export function readSourceId(c: Context): string {
  const result = sourceIdParam.safeParse(c.req.param('id'));
  if (!result.success) throw fromZodError(result.error, 'id');
  return result.data;
}
