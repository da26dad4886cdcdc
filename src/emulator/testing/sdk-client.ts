// Test helper: the official twilio SDK, pointed at a running emulator by rewriting Twilio's hosts to its URL.
import twilio from 'twilio';

/** The SDK builds https://api.twilio.com/… and https://insights.twilio.com/… URLs; this sends them to the emulator. */
export function sdkClient(baseUrl: string, username: string, password: string, accountSid?: string): twilio.Twilio {
  const httpClient = new twilio.RequestClient();
  const send = httpClient.request.bind(httpClient);
  httpClient.request = (opts) => send({ ...opts, uri: opts.uri.replace(/^https:\/\/[a-z0-9.-]+\.twilio\.com(?::443)?/i, baseUrl) });
  return twilio(username, password, { accountSid: accountSid ?? username, httpClient });
}
