// The HTTP face of the service: the JSON API under /api, Prometheus /metrics and the web UI, over one SourceService.
// Everything under /api but /api/health, and /metrics too, needs the admin token as a bearer header (a Prometheus
// scrape config sets it with `authorization: { credentials_file: <home>/admin-token }`); the UI's files do not.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { collectionNames } from '../collections/collection.js';
import type { Logger } from '../log.js';
import type { SourceService } from '../service/source-service.js';
import { uiRoutes } from '../ui/ui-routes.js';
import { ApiError, toApiError } from './api-error.js';
import { authenticateBody, runsQuery } from './api-schemas.js';
import { readBody, readQuery } from './read-input.js';
import { requireToken } from './require-token.js';
import { sourceRoutes } from './source-routes.js';

export interface ServerOptions {
  readonly service: SourceService;
  readonly adminToken: string;
  readonly logger: Logger;
}

export function createServer({ service, adminToken, logger }: ServerOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: bodies and headers may carry credentials.
    logger.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'http request');
  });
  app.onError((error, c) => {
    const answer = toApiError(error);
    if (answer.code === 'internal') logger.error({ err: error, method: c.req.method, path: c.req.path }, 'http request failed');
    return c.json(answer.body(), answer.status);
  });
  app.notFound((c) => c.json(new ApiError('not_found', `no such route: ${c.req.method} ${c.req.path}`).body(), 404));

  app.get('/api/health', (c) => c.json({ status: 'ok' }));
  const auth = requireToken(adminToken);
  app.use('/api/*', auth);
  app.use('/metrics', auth);
  app.use('/api/*', bodyLimit({ maxSize: 256 * 1024, onError: () => { throw new ApiError('too_large', 'the body is larger than 256 KiB'); } }));

  app.route('/api/sources', sourceRoutes(service));
  app.post('/api/authenticate', async (c) => c.json(await service.authenticate(await readBody(c, authenticateBody))));
  app.get('/api/collections', (c) => c.json({ collections: service.previewTables(collectionNames) }));
  app.get('/api/runs', async (c) => {
    const query = readQuery(c, runsQuery);
    return c.json({ runs: await service.listRuns(query.source ?? null, query.limit) });
  });
  app.get('/metrics', async (c) => c.text(await service.metrics(), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }));
  app.route('/', uiRoutes());
  return app;
}
