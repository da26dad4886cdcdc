// "Authenticate" in the add-source flow: checks credentials against Twilio and which collections they can read,
// without saving anything. Refused credentials are an InvalidInputError on the secret's field.
import { checkAccess } from '../sync/check-access.js';
import { TwilioClient } from '../twilio/twilio-client.js';
import { TwilioAuthError, TwilioNotFoundError } from '../twilio/twilio-errors.js';
import { invalidInput } from './invalid-input.js';
import { credentialsOf } from './source-fields.js';
import { InvalidInputError, sourceInputSchema, type AuthenticationResult, type SourceInput } from './source-service.js';

const credentialsInput = sourceInputSchema.pick({ accountSid: true, authToken: true, apiKey: true, apiSecret: true, apiBaseUrl: true });

export async function authenticateCredentials(input: Pick<SourceInput, 'accountSid' | 'authToken' | 'apiKey' | 'apiSecret' | 'apiBaseUrl'>): Promise<AuthenticationResult> {
  const parsed = credentialsInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const value = parsed.data;
  const kind = credentialsOf(value);
  const credentials =
    kind.kind === 'api_key' && 'apiSecret' in kind.secret
      ? { accountSid: value.accountSid, apiKey: kind.apiKey ?? '', apiSecret: kind.secret.apiSecret }
      : { accountSid: value.accountSid, authToken: value.authToken ?? '' };
  const client = new TwilioClient({ credentials, timeoutMs: 30_000, ...(value.apiBaseUrl !== undefined ? { baseUrl: value.apiBaseUrl } : {}) });
  try {
    const report = await checkAccess(client, value.accountSid);
    return { accountSid: report.account.sid, friendlyName: report.account.friendlyName, collections: report.collections };
  } catch (error) {
    if (error instanceof TwilioAuthError) {
      throw new InvalidInputError(kind.kind === 'api_key' ? 'apiSecret' : 'authToken', `Twilio refused these credentials (${error.message}): check them in the Twilio Console`);
    }
    if (error instanceof TwilioNotFoundError) throw new InvalidInputError('accountSid', `Twilio knows no such account (${error.message}): check the Account SID`);
    throw error;
  }
}
