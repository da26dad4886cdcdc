// Time as the scheduler sees it, injectable so tests drive it instead of waiting.

export interface Clock {
  now(): Date;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      // Node's timers overflow past ~24.8 days; the scheduler wakes up again anyway.
      const timer = setTimeout(done, Math.min(Math.max(ms, 0), 2_147_483_647));
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    }),
};
