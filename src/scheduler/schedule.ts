// Schedules as users write them: an interval (`30m`, `3h`, `1d`) or a cron expression (`0 */3 * * *`), and when a
// schedule is next due after a given run.
import { Cron } from 'croner';

export type Schedule = { readonly kind: 'interval'; readonly ms: number } | { readonly kind: 'cron'; readonly cron: Cron };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_INTERVAL_MS = 366 * UNIT_MS.d;

/** Why the text is not a schedule, or null when it is one. */
export function scheduleProblem(text: string): string | null {
  try {
    parseSchedule(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function parseSchedule(text: string): Schedule {
  const value = text.trim();
  const interval = /^(\d+)\s*(m|h|d)$/.exec(value);
  if (interval) {
    const ms = Number(interval[1]) * UNIT_MS[interval[2] as keyof typeof UNIT_MS];
    if (ms < UNIT_MS.m || ms > MAX_INTERVAL_MS) throw new Error('must be an interval between 1m and 366d');
    return { kind: 'interval', ms };
  }
  if (value.split(/\s+/).length !== 5) {
    throw new Error('must be an interval like 30m, 3h or 1d, or a five-field cron expression like 0 */3 * * *');
  }
  let cron: Cron;
  try {
    cron = new Cron(value, { paused: true, timezone: 'UTC' });
  } catch (error) {
    throw new Error(`is not a valid cron expression (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (cron.nextRun(new Date()) === null) throw new Error('is a cron expression that never fires');
  return { kind: 'cron', cron };
}

/** The first time the schedule fires after `after` (a run's start). */
export function nextAfter(schedule: Schedule, after: Date): Date {
  if (schedule.kind === 'interval') return new Date(after.getTime() + schedule.ms);
  return schedule.cron.nextRun(after) ?? new Date(8.64e15);
}

/**
 * When a source is next due: one slot after its last run started; a source that never ran is due from its creation.
 * However many slots passed since, this is one time: missed runs collapse into one.
 */
export function dueAt(scheduleText: string, lastRunStart: Date | null, createdAt: Date): Date {
  if (lastRunStart === null) return createdAt;
  return nextAfter(parseSchedule(scheduleText), lastRunStart);
}
