// Twilio's error responses: the one error class the HTTP face throws, and the JSON body Twilio sends for it.

/** An error the emulator answers as Twilio would: an HTTP status plus Twilio's numeric error code. */
export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TwilioApiError';
  }
}

/** The body Twilio sends with an error: `{ code, message, more_info, status }`. */
export function twilioErrorBody(error: TwilioApiError): string {
  return JSON.stringify({
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  });
}

export function notFound(path: string): TwilioApiError {
  return new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
}

export function invalidParameter(name: string, detail: string): TwilioApiError {
  return new TwilioApiError(400, 20001, `Invalid ${name}: ${detail}`);
}

export function authenticationError(): TwilioApiError {
  return new TwilioApiError(401, 20003, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
}
