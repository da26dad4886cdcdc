// Bearer admin token check: constant-time, and the same answer for a missing and a wrong token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

export function requireToken(adminToken: string): MiddlewareHandler {
  const expected = digest(adminToken);
  return async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="twilio-source"');
      throw new ApiError('unauthorized', 'send the admin token as "Authorization: Bearer TOKEN" (TWILIO_SOURCE_ADMIN_TOKEN, or the admin-token file in the data directory)', 'authorization');
    }
    await next();
  };
}
