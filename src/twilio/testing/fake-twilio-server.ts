// Test support: a tiny node:http server on 127.0.0.1 that answers like Twilio, scripted per test.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server saw: the raw request target (path and query exactly as sent) and the auth header. */
export interface SeenRequest {
  readonly url: string;
  readonly authorization: string | undefined;
}

export type FakeHandler = (request: IncomingMessage, response: ServerResponse, index: number) => void | Promise<void>;

export interface FakeTwilio {
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

/** Sends a JSON body the way Twilio does; `status` defaults to 200. */
export function sendJson(response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

/** Twilio's error body, e.g. twilioError(401, 20003, 'Authenticate'). */
export function sendTwilioError(response: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  sendJson(response, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status, headers);
}

export async function startFakeTwilio(handler: FakeHandler): Promise<FakeTwilio> {
  const requests: SeenRequest[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', authorization: request.headers.authorization });
    Promise.resolve(handler(request, response, requests.length - 1)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
