// The real service on a temporary data directory, for the browser test: store, secrets and sync, no scheduler.
import { createLogger } from '../../log.js';
import { openSourceService } from '../../service/open-source-service.js';
import type { SourceService } from '../../service/source-service.js';

export interface TestService {
  readonly service: SourceService;
  close(): Promise<void>;
}

export async function startTestService(home: string): Promise<TestService> {
  const opened = await openSourceService({ home, env: {}, logger: createLogger({ level: 'silent' }), schedule: false });
  return { service: opened.service, close: () => opened.close() };
}
