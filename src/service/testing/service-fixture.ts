// Test support: a service over a fresh embedded store in a temp dir, a random key, and a logger whose lines are kept.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { openControlStore } from '../../control/open-control-store.js';
import type { ControlStore } from '../../control/control-store.js';
import { createLogger, type Logger } from '../../log.js';
import { SecretBox } from '../../secrets/secret-box.js';
import { secretKey } from '../../secrets/secret-key.js';
import { createSourceService, type ManagedSourceService, type SourceServiceOptions } from '../create-source-service.js';

export interface ServiceFixture {
  readonly home: string;
  readonly store: ControlStore;
  readonly box: SecretBox;
  readonly logger: Logger;
  /** Every log line written so far. */
  readonly logs: string[];
  /** A service over this fixture's store; several may be made (one per test, or after a "restart"). */
  service(options?: Partial<SourceServiceOptions>): Promise<ManagedSourceService>;
  /** Waits for the services' runs and closes the store, so its files can be inspected; dispose still cleans up. */
  closeStore(): Promise<void>;
  dispose(): Promise<void>;
}

export async function openServiceFixture(): Promise<ServiceFixture> {
  const home = await mkdtemp(join(tmpdir(), 'twilio-source-service-'));
  const store = await openControlStore({ home, databaseUrl: null });
  const box = new SecretBox(secretKey(randomBytes(32), 'test'));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const services: ManagedSourceService[] = [];
  let closed: Promise<void> | null = null;
  const closeStore = (): Promise<void> =>
    (closed ??= (async () => {
      for (const service of services) await service.close();
      await store.close();
    })());
  return {
    home,
    store,
    box,
    logger,
    logs,
    async service(options = {}) {
      const service = await createSourceService({ home, store, logger, secrets: box, ...options });
      services.push(service);
      return service;
    },
    closeStore,
    async dispose() {
      await closeStore();
      await rm(home, { recursive: true, force: true });
    },
  };
}
