// Starts each enabled source's runs on its schedule and its warehouse runs on theirs. One loop: each pass starts
// what is due and sleeps until the next due time (or a change wakes it). Due times derive from the last run's start
// in the store, so runs missed while the service was down collapse into one catch-up run at startup.
import type { Logger } from 'pino';
import { systemClock, type Clock } from './clock.js';
import { dueAt, nextAfter, parseSchedule } from './schedule.js';
import type { SchedulerHost } from './scheduler-host.js';

export interface SchedulerOptions {
  readonly host: SchedulerHost;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** Look again at least this often, to see sources another process changed in a shared store (default 60 s). */
  readonly maxSleepMs?: number;
}

export class Scheduler {
  readonly #host: SchedulerHost;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #maxSleepMs: number;
  readonly #inFlight = new Set<Promise<unknown>>();
  /** When each source's warehouse was last loaded by a run this scheduler started. */
  readonly #lastWarehouseRun = new Map<string, Date>();
  readonly #sleepWaiters: (() => void)[] = [];
  #startedAt: Date | null = null;
  #loop: Promise<void> | null = null;
  #stopping = false;
  #dirty = false;
  #wake: AbortController | null = null;
  #unsubscribe: (() => void) | null = null;

  constructor(options: SchedulerOptions) {
    this.#host = options.host;
    this.#logger = options.logger;
    this.#clock = options.clock ?? systemClock;
    this.#maxSleepMs = options.maxSleepMs ?? 60_000;
  }

  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#startedAt = this.#clock.now();
    this.#unsubscribe = this.#host.onChange(() => this.wake());
    this.#loop = this.#run();
    this.#logger.info('scheduler started');
  }

  /** Stops starting runs and resolves once the runs it started have ended (a running run is let finish). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe?.();
    this.wake();
    await this.#loop;
    this.#loop = null;
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
    this.#logger.info('scheduler stopped');
  }

  /** Looks again now: a source changed or a run ended. */
  wake(): void {
    this.#dirty = true;
    this.#wake?.abort();
  }

  /** Resolves the next time the loop, having looked at every source, goes to sleep (for tests driving the clock). */
  nextSleep(): Promise<void> {
    return new Promise((resolve) => this.#sleepWaiters.push(resolve));
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      this.#dirty = false;
      let waitMs = this.#maxSleepMs;
      try {
        waitMs = await this.#pass();
      } catch (error) {
        this.#logger.error({ error: error instanceof Error ? error.message : String(error) }, 'scheduler pass failed; trying again later');
      }
      if (this.#stopping) break;
      if (this.#dirty) continue; // something changed while we looked: look again before sleeping
      const wake = new AbortController();
      this.#wake = wake;
      for (const resolve of this.#sleepWaiters.splice(0)) resolve();
      await this.#clock.sleep(waitMs, wake.signal);
      this.#wake = null;
    }
    for (const resolve of this.#sleepWaiters.splice(0)) resolve();
  }

  /** Starts what is due; returns how long until something may be due next. */
  async #pass(): Promise<number> {
    const now = this.#clock.now();
    let next = now.getTime() + this.#maxSleepMs;
    for (const source of await this.#host.scheduledSources()) {
      if (this.#stopping) break;
      if (!source.enabled || this.#host.isBusy(source.id)) continue; // a run ending wakes us
      try {
        const due = dueAt(source.schedule, source.lastRunStartedAt, source.createdAt);
        if (due <= now) {
          const trigger = this.#startedAt !== null && due < this.#startedAt ? 'catch-up' : 'schedule';
          if (this.#track(await this.#host.startScheduledRun(source.id, trigger))) {
            this.#lastWarehouseRun.set(source.id, now); // a source run ends with a warehouse run
            this.#logger.info({ sourceId: source.id, trigger }, 'scheduled run started');
          }
          continue;
        }
        next = Math.min(next, due.getTime());
        const lastLoad = Math.max(this.#lastWarehouseRun.get(source.id)?.getTime() ?? this.#startedAt?.getTime() ?? 0, source.lastRunStartedAt?.getTime() ?? 0);
        const warehouseDue = nextAfter(parseSchedule(source.warehouseSchedule), new Date(lastLoad));
        if (warehouseDue <= now) {
          if (this.#track(await this.#host.startWarehouseRun(source.id))) this.#lastWarehouseRun.set(source.id, now);
          continue;
        }
        next = Math.min(next, warehouseDue.getTime());
      } catch (error) {
        this.#logger.error({ sourceId: source.id, error: error instanceof Error ? error.message : String(error) }, 'could not schedule a source');
      }
    }
    return Math.max(0, next - this.#clock.now().getTime());
  }

  #track(started: { readonly done: Promise<unknown> } | null): boolean {
    if (!started) return false;
    const done = started.done.catch(() => undefined);
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
    return true;
  }
}
