// Schedules: intervals and cron parse or are refused with a reason; due times collapse missed slots into one.
import { describe, expect, it } from 'vitest';
import { dueAt, nextAfter, parseSchedule, scheduleProblem } from './schedule.js';

const at = (iso: string): Date => new Date(iso);

describe('schedules', () => {
  it('parses intervals and five-field cron expressions', () => {
    expect(parseSchedule('30m')).toEqual({ kind: 'interval', ms: 1_800_000 });
    expect(parseSchedule('3h')).toEqual({ kind: 'interval', ms: 10_800_000 });
    expect(parseSchedule('1d')).toEqual({ kind: 'interval', ms: 86_400_000 });
    expect(nextAfter(parseSchedule('0 */3 * * *'), at('2026-01-01T04:10:00Z'))).toEqual(at('2026-01-01T06:00:00Z'));
  });

  it.each(['0m', '367d', 'often', '* * * *', '0 0 * * * *', '61 * * * *', '0 0 31 2 *'])('refuses %s with a reason', (text) => {
    expect(scheduleProblem(text)).toMatch(/^(must be|is )/);
  });

  it('is due one slot after the last start however long ago, and at creation when never run', () => {
    const created = at('2026-01-01T00:00:00Z');
    expect(dueAt('3h', null, created)).toEqual(created);
    expect(dueAt('3h', at('2026-01-01T01:00:00Z'), created)).toEqual(at('2026-01-01T04:00:00Z'));
    expect(dueAt('0 0 * * *', at('2026-01-01T01:00:00Z'), created)).toEqual(at('2026-01-02T00:00:00Z'));
  });
});
