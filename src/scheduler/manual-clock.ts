// A clock tests move by hand: sleepers wake when `advance` passes their deadline, never in real time.
import type { Clock } from './clock.js';

interface Sleeper {
  readonly deadline: number;
  readonly wake: () => void;
}

export class ManualClock implements Clock {
  #now: number;
  #sleepers = new Set<Sleeper>();

  constructor(start: Date | string) {
    this.#now = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const sleeper: Sleeper = {
        deadline: this.#now + Math.max(ms, 0),
        wake: () => {
          this.#sleepers.delete(sleeper);
          signal.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.#sleepers.add(sleeper);
      signal.addEventListener('abort', sleeper.wake, { once: true });
    });
  }

  /** Moves time forward and wakes every sleeper whose deadline has come; returns how many woke. */
  advance(ms: number): number {
    this.#now += ms;
    const due = [...this.#sleepers].filter((sleeper) => sleeper.deadline <= this.#now);
    for (const sleeper of due) sleeper.wake();
    return due.length;
  }

  /** The earliest deadline among sleepers, for tests that step from one wake-up to the next. */
  nextDeadline(): Date | null {
    const deadlines = [...this.#sleepers].map((sleeper) => sleeper.deadline);
    return deadlines.length === 0 ? null : new Date(Math.min(...deadlines));
  }
}
