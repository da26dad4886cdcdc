// /api/sources: create, read, update, delete, enable and disable sources, trigger runs and read the Overview.
import { Hono } from 'hono';
import type { SourceService } from '../service/source-service.js';
import { createSourceBody, patchSourceBody, runBody } from './api-schemas.js';
import { readBody, readSourceId } from './read-input.js';

export function sourceRoutes(service: SourceService): Hono {
  return new Hono()
    .get('/', async (c) => c.json({ sources: await service.listSources() }))
    .post('/', async (c) => c.json(await service.createSource(await readBody(c, createSourceBody)), 201))
    .get('/:id', async (c) => c.json(await service.getSource(readSourceId(c))))
    .patch('/:id', async (c) => {
      const id = readSourceId(c);
      return c.json(await service.updateSource(id, await readBody(c, patchSourceBody)));
    })
    .delete('/:id', async (c) => {
      await service.deleteSource(readSourceId(c));
      return c.body(null, 204);
    })
    .post('/:id/enable', async (c) => c.json(await service.setEnabled(readSourceId(c), true)))
    .post('/:id/disable', async (c) => c.json(await service.setEnabled(readSourceId(c), false)))
    .post('/:id/runs', async (c) => {
      const id = readSourceId(c);
      const { full } = await readBody(c, runBody);
      return c.json(await service.triggerRun(id, { full }), 202);
    })
    .get('/:id/overview', async (c) => c.json(await service.overview(readSourceId(c))));
}
