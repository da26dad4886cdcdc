// The scheduler under a clock the test moves: intervals, cron, no overlap, one catch-up after downtime, disabling
// mid-run, warehouse runs, and stop() waiting for a running run. The service and store are real; the sync is gated.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ManagedSourceService } from '../service/create-source-service.js';
import { ConflictError, type SourceInput } from '../service/source-service.js';
import { gatedSync, type GatedSync } from '../service/testing/gated-sync.js';
import { openServiceFixture, type ServiceFixture } from '../service/testing/service-fixture.js';
import { ManualClock } from './manual-clock.js';
import { Scheduler } from './scheduler.js';

const HOUR = 3_600_000;
const T0 = '2026-03-01T00:00:00.000Z';
let fx: ServiceFixture;
let clock: ManualClock;
let sync: GatedSync;
let flushes: string[];
let service: ManagedSourceService;
let scheduler: Scheduler | undefined;

beforeAll(async () => {
  fx = await openServiceFixture();
});
afterAll(async () => {
  await fx.dispose();
});
beforeEach(async () => {
  for (const source of await fx.store.listSources()) await fx.store.deleteSource(source.id);
  clock = new ManualClock(T0);
  sync = gatedSync();
  flushes = [];
  service = await newService();
});

afterEach(async () => {
  // A failed test must not leave a run hanging for the next one (or for the store's close).
  await scheduler?.stop();
  while (sync.open > 0) sync.finish();
  await service.close();
});

const newService = (): Promise<ManagedSourceService> =>
  fx.service({
    now: () => clock.now(),
    sync: sync.sync,
    flush: (input) => {
      flushes.push(input.schema);
      return Promise.resolve({ tables: [], notices: [] });
    },
  });

const input = (overrides: Partial<SourceInput> = {}): SourceInput => ({ name: `S ${Math.random()}`, accountSid: `AC${'7'.repeat(32)}`, authToken: 'token-0123456789abcdef', collections: ['messages'], ...overrides });

function startScheduler(): Promise<void> {
  const started = new Scheduler({ host: service, logger: fx.logger, clock, maxSleepMs: 24 * HOUR });
  scheduler = started;
  const asleep = started.nextSleep();
  started.start();
  return asleep;
}

function running(): Scheduler {
  if (!scheduler) throw new Error('start the scheduler first');
  return scheduler;
}

/** Moves the clock; when that wakes the scheduler, waits until it has looked at everything and sleeps again. */
async function advance(ms: number): Promise<void> {
  const asleep = running().nextSleep();
  if (clock.advance(ms) > 0) await asleep;
}

/** A run starts its sync a moment after it is recorded: wait (boundedly) until that many syncs are under way. */
async function syncsOpen(count: number): Promise<void> {
  await expect.poll(() => sync.open, { timeout: 30_000 }).toBe(count);
}

/** Lets the running sync finish, and waits for the run to be recorded and the scheduler to look again. */
async function finishRun(): Promise<void> {
  await syncsOpen(1);
  const asleep = running().nextSleep();
  sync.finish();
  await asleep;
}

const runCount = async (sourceId: string): Promise<number> => (await service.listRuns(sourceId, 100)).length;
const triggers = async (sourceId: string): Promise<string[]> => (await service.listRuns(sourceId, 100)).reverse().map((run) => `${run.trigger}@${run.startedAt.slice(11, 16)}`);

describe('scheduler', () => {
  it('runs a new source at once, then every interval', async () => {
    const source = await service.createSource(input({ schedule: '3h' }));
    await startScheduler();
    expect(await runCount(source.id)).toBe(1);
    await finishRun();
    await advance(2 * HOUR);
    expect(await runCount(source.id)).toBe(1);
    await advance(HOUR);
    expect(await runCount(source.id)).toBe(2);
    await finishRun();
    await advance(3 * HOUR);
    await finishRun();
    expect(await triggers(source.id)).toEqual(['schedule@00:00', 'schedule@03:00', 'schedule@06:00']);
    expect((await service.getSource(source.id)).nextRunAt).toBe('2026-03-01T09:00:00.000Z');
    await running().stop();
  });

  it('follows a cron expression', async () => {
    const source = await service.createSource(input({ schedule: '0 */6 * * *' }));
    await startScheduler();
    await finishRun();
    await advance(HOUR); // 01:00: the next slot is 06:00
    expect(await runCount(source.id)).toBe(1);
    await advance(5 * HOUR);
    await finishRun();
    expect(await triggers(source.id)).toEqual(['schedule@00:00', 'schedule@06:00']);
    await running().stop();
  });

  it('never starts a second run of a source while one runs; a missed slot runs once when it ends', async () => {
    const source = await service.createSource(input({ schedule: '1h' }));
    await startScheduler();
    for (let hour = 0; hour < 4; hour++) await advance(HOUR);
    expect(await runCount(source.id)).toBe(1);
    await expect(service.triggerRun(source.id, { full: false })).rejects.toThrow(ConflictError);
    await finishRun(); // at 04:00: one run for all the slots missed meanwhile
    expect(await runCount(source.id)).toBe(2);
    await finishRun();
    expect(await triggers(source.id)).toEqual(['schedule@00:00', 'schedule@04:00']);
    await running().stop();
  });

  it('after downtime, starts one catch-up run, not one per missed slot, then keeps the schedule', async () => {
    const source = await service.createSource(input({ schedule: '3h' }));
    await startScheduler();
    await finishRun();
    await running().stop();
    await service.close();

    clock.advance(10 * HOUR); // down from 00:00 to 10:00: slots 03:00, 06:00 and 09:00 missed
    service = await newService();
    await startScheduler();
    expect(await runCount(source.id)).toBe(2);
    await finishRun();
    expect(await runCount(source.id)).toBe(2);
    await advance(2 * HOUR);
    expect(await runCount(source.id)).toBe(2);
    await advance(HOUR);
    await finishRun();
    expect(await triggers(source.id)).toEqual(['schedule@00:00', 'catch-up@10:00', 'schedule@13:00']);
    await running().stop();
  });

  it('disabling a source mid-run lets the run finish and starts no more; enabling it resumes', async () => {
    const source = await service.createSource(input({ schedule: '1h' }));
    await startScheduler();
    await service.setEnabled(source.id, false);
    await finishRun();
    expect((await service.listRuns(source.id, 1))[0]?.status).toBe('success');
    await advance(5 * HOUR);
    expect(await runCount(source.id)).toBe(1);
    const asleep = running().nextSleep();
    await service.setEnabled(source.id, true);
    await asleep;
    expect(await runCount(source.id)).toBe(2);
    await finishRun();
    await running().stop();
  });

  it('runs warehouse runs on the warehouse schedule between source runs', async () => {
    const source = await service.createSource(input({ name: 'Loads', schedule: '1d', warehouseSchedule: '1h' }));
    await startScheduler();
    await finishRun();
    expect(flushes).toEqual([]);
    await advance(HOUR);
    await expect.poll(() => flushes, { timeout: 30_000 }).toEqual(['loads']);
    await advance(HOUR);
    await expect.poll(() => flushes, { timeout: 30_000 }).toEqual(['loads', 'loads']);
    expect(await runCount(source.id)).toBe(1);
    await running().stop();
  });

  it('stop() waits for the running run and starts nothing more', async () => {
    const source = await service.createSource(input({ schedule: '1h' }));
    await startScheduler();
    await syncsOpen(1);
    let stopped = false;
    const stopping = running().stop().then(() => (stopped = true));
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    sync.finish();
    await stopping;
    clock.advance(5 * HOUR);
    expect(await runCount(source.id)).toBe(1);
    expect((await service.listRuns(source.id, 1))[0]?.status).toBe('success');
  });
});
