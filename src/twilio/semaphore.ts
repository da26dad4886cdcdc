// A counting semaphore: caps the requests in flight for one Twilio account (Twilio answers 20429 past its limit).

export class Semaphore {
  #available: number;
  readonly #waiting: (() => void)[] = [];

  constructor(permits: number) {
    this.#available = permits;
  }

  /** Resolves with a release function once a permit is free (FIFO); rejects if the signal aborts first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw signal.reason;
    if (this.#available > 0) {
      this.#available -= 1;
      return this.#releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason as Error);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.#waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.#releaser();
  }

  /** A release that works once, so a double release in a finally block cannot inflate the permits. */
  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      // The permit passes straight to the next waiter, so a newcomer cannot overtake the queue.
      if (next) next();
      else this.#available += 1;
    };
  }
}
