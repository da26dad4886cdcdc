// Errors the dataset reports to the HTTP layer, which maps them to Twilio's error JSON.

/** A paging position that this dataset did not hand out (tampered, or from another list): Twilio's 21481. */
export class InvalidPositionError extends Error {
  constructor(position: string, options?: { cause?: unknown }) {
    super(`The page position ${JSON.stringify(position)} is not valid for this list; start the listing again from the first page.`, options);
    this.name = 'InvalidPositionError';
  }
}

/** advance() with a negative or non-finite duration: the emulator's clock only moves forward. */
export class InvalidAdvanceError extends Error {
  constructor(ms: number) {
    super(`Cannot advance the clock by ${ms} ms; pass a finite number of milliseconds >= 0.`);
    this.name = 'InvalidAdvanceError';
  }
}
