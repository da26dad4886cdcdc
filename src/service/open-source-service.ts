// One call that assembles the service for `serve` and the CLI: control store, secret box, service and (optionally)
// the scheduler, with one close that stops the scheduler, waits for runs and closes the store.
import type { Logger } from 'pino';
import { openControlStore } from '../control/open-control-store.js';
import type { Clock } from '../scheduler/clock.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { createSourceService, type ManagedSourceService } from './create-source-service.js';

export interface OpenSourceServiceOptions {
  readonly home: string;
  readonly logger: Logger;
  /** DATABASE_URL (PostgreSQL control store) and TWILIO_SOURCE_SECRET_KEY are read from here; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** Start the scheduler (serve: yes; one-off CLI commands: no). */
  readonly schedule?: boolean;
  readonly clock?: Clock;
}

export interface OpenedSourceService {
  readonly service: ManagedSourceService;
  /** Started already when `schedule` was true; null otherwise. */
  readonly scheduler: Scheduler | null;
  /** Stops the scheduler, waits for every run of this process to end, closes the store (and its lock). */
  close(): Promise<void>;
}

/** Throws ControlStoreBusyError when another process holds the embedded store: use that process's HTTP API. */
export async function openSourceService(options: OpenSourceServiceOptions): Promise<OpenedSourceService> {
  const env = options.env ?? process.env;
  const store = await openControlStore({ home: options.home, env });
  try {
    const service = await createSourceService({ home: options.home, store, env, logger: options.logger, ...(options.clock ? { now: () => options.clock?.now() ?? new Date() } : {}) });
    const scheduler = options.schedule ? new Scheduler({ host: service, logger: options.logger, ...(options.clock ? { clock: options.clock } : {}) }) : null;
    scheduler?.start();
    return {
      service,
      scheduler,
      close: async () => {
        try {
          await scheduler?.stop();
          await service.close();
        } finally {
          await store.close();
        }
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
