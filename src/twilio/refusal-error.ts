// Turns a final (non-retried) Twilio refusal into the named error with one clear line for the user.
import { describeStatus, type TwilioErrorBody } from './get-once.js';
import { TwilioAuthError, TwilioNotFoundError, TwilioRequestError, type TwilioError } from './twilio-errors.js';

export interface RefusalContext {
  /** The request's path, without its query. */
  readonly path: string;
  readonly accountSid: string;
  /** Set when the credentials are an API key: the advice then names the key, not the Auth Token. */
  readonly apiKey: string | undefined;
}

export function refusalError(status: number, error: TwilioErrorBody, context: RefusalContext): TwilioError {
  const code = error.code ?? undefined;
  const details = { status, ...(code === undefined ? {} : { code }), cause: new Error(describeStatus(status, error)) };
  const codeText = code === undefined ? `HTTP ${status}` : `error ${code}`;
  const secretName = context.apiKey === undefined ? 'Auth Token' : `API key (${context.apiKey}) and API secret`;
  if (status === 401) {
    return new TwilioAuthError(
      `Twilio rejected the credentials for ${context.accountSid} (${codeText}): check the Account SID and ${secretName}`,
      details,
    );
  }
  if (status === 403) {
    const message = error.message == null ? '' : `: ${error.message}`;
    return new TwilioAuthError(
      `Twilio denied ${context.accountSid} access to ${context.path} (${codeText}${message}): check that the Account SID and ${secretName} may read it`,
      details,
    );
  }
  if (status === 404) {
    return new TwilioNotFoundError(
      `Twilio found nothing at ${context.path} (${codeText}): check the Account SID or subaccount SID`,
      details,
    );
  }
  const message = error.message == null ? '' : `: ${error.message}`;
  const codePart = code === undefined ? '' : `, error ${code}`;
  const advice = error.more_info == null ? 'check the request parameters' : `see ${error.more_info}`;
  return new TwilioRequestError(`Twilio refused GET ${context.path} (HTTP ${status}${codePart}${message}): ${advice}`, details);
}
