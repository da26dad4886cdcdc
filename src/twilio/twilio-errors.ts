// The errors the Twilio client throws: one named class per thing a caller may handle differently.

interface TwilioErrorDetails {
  readonly cause?: unknown;
  /** The HTTP status Twilio answered with, when there was an answer. */
  readonly status?: number;
  /** Twilio's own error code (20003, 20404, 20429, …), when its body carried one. */
  readonly code?: number;
}

/** The base of every error this folder throws; `status` and `code` let callers branch without parsing text. */
export class TwilioError extends Error {
  readonly status: number | undefined;
  readonly code: number | undefined;

  constructor(message: string, details: TwilioErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
  }
}

/** 401/403: the credentials are wrong or may not read this resource. Never retried. */
export class TwilioAuthError extends TwilioError {}

/** 404: nothing at that path (wrong Account SID, deleted resource). Never retried. */
export class TwilioNotFoundError extends TwilioError {}

/** Any other 4xx, with Twilio's code and message (e.g. 20004: messages older than 400 days). Never retried. */
export class TwilioRequestError extends TwilioError {}

/** Every attempt failed on something transient (429, 5xx, resets, timeouts, broken bodies). */
export class TwilioUnavailableError extends TwilioError {
  constructor(
    message: string,
    readonly attempts: number,
    details: TwilioErrorDetails,
  ) {
    super(message, details);
  }
}

/** A 2xx answer whose shape is not a Twilio list envelope (missing records key, repeated page link). */
export class TwilioEnvelopeError extends TwilioError {}

/** The client's options are invalid; raised before any request is made. */
export class TwilioConfigError extends TwilioError {}
