// Per-account count of API requests in flight, as Twilio limits concurrency per account (429, code 20429).

export class ConcurrencyLimiter {
  readonly #inFlight = new Map<string, number>();

  constructor(readonly limit: number) {}

  /** Takes a slot for the account; returns the release function, or null when the account is at its limit. */
  acquire(accountSid: string): (() => void) | null {
    const current = this.#inFlight.get(accountSid) ?? 0;
    if (current >= this.limit) return null;
    this.#inFlight.set(accountSid, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#inFlight.get(accountSid) ?? 1) - 1;
      if (left === 0) this.#inFlight.delete(accountSid);
      else this.#inFlight.set(accountSid, left);
    };
  }
}
