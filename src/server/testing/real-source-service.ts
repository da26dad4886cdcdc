// The real service on its own temporary data directory (embedded store, key file, DuckDB), without the scheduler.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../log.js';
import { openSourceService } from '../../service/open-source-service.js';
import type { SourceService } from '../../service/source-service.js';

export interface TestService {
  readonly service: SourceService;
  readonly home: string;
  close(): Promise<void>;
}

/** `home` defaults to a new temporary directory, removed on close. */
export async function startRealService(home?: string): Promise<TestService> {
  const dir = home ?? (await mkdtemp(join(tmpdir(), 'twilio-source-service-')));
  const opened = await openSourceService({ home: dir, env: {}, logger: createLogger({ level: 'silent' }), schedule: false });
  return {
    service: opened.service,
    home: dir,
    async close() {
      await opened.close();
      if (home === undefined) await rm(dir, { recursive: true, force: true });
    },
  };
}
