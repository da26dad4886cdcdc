// The emulator's HTTP server (plain node:http for speed): Twilio's API with auth, load limits, latency and faults, plus /_emulator.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../log.js';
import type { EmulatedData } from './data/emulated-data.js';
import type { ServerSettings } from './emulator-options.js';
import { handleControlRequest } from './control/handle-control-request.js';
import type { EmulatorState } from './control/control-api.js';
import type { ApiResult } from './http/api-context.js';
import { authenticate } from './http/authenticate.js';
import { PageTokenSigner } from './http/page-token.js';
import { routeApi } from './http/route-api.js';
import { sendJson, type BreakKind } from './http/send-response.js';
import { TwilioApiError, twilioErrorBody } from './http/twilio-api-error.js';
import { ConcurrencyLimiter } from './load/concurrency-limiter.js';
import { FaultInjector } from './load/fault-injector.js';
import { credentialsOf, type RunningEmulator } from './running-emulator.js';

const log = createLogger({ level: process.env['LOG_LEVEL'] ?? 'warn' });

/** Serves `initial` and, after a reset, whatever `createData` builds from the reset's dataset options. */
export async function serveEmulator(
  settings: ServerSettings,
  initial: EmulatedData,
  createData: (options: unknown) => EmulatedData,
): Promise<RunningEmulator> {
  const state: EmulatorState = { data: initial, generation: 1, latency: settings.latency, faults: new FaultInjector(settings.faults), createData };
  const limiter = new ConcurrencyLimiter(settings.concurrencyLimit);
  const signer = new PageTokenSigner();
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const server = createServer((req, res) => {
    res.sendDate = false; // the Date header comes from the emulator's clock, not the machine's
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (path.startsWith('/_emulator/')) {
      handleControlRequest(state, req, res, path.slice('/_emulator/'.length));
      return;
    }
    const query = [...new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1))];
    serveApi(req, res, path, query);
  });

  function serveApi(req: IncomingMessage, res: ServerResponse, path: string, query: [string, string][]): void {
    const { data } = state;
    try {
      if (req.method !== 'GET') throw new TwilioApiError(405, 20004, 'Method not allowed');
      const principal = authenticate(data, req.headers.authorization);
      const release = limiter.acquire(principal.account.sid);
      if (!release) throw tooManyRequests(settings.retryAfter);
      res.once('close', release);
      const fault = state.faults.next();
      if (fault === 'hang') return; // never answered; close() ends the connection
      if (fault === '429') throw tooManyRequests(settings.retryAfter);
      if (fault === '500') throw new TwilioApiError(500, 20500, 'An internal server error has occurred');
      if (fault === '503') throw new TwilioApiError(503, 20503, 'Service is unavailable. Please try again');
      const segments = decodeSegments(path);
      if (!segments) throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
      const result = routeApi({ data, principal, signer, generation: state.generation, baseUrl, segments, query }, path);
      deliver(res, result, fault);
    } catch (error) {
      const apiError = error instanceof TwilioApiError ? error : internalError(error);
      deliver(res, { status: apiError.status, body: twilioErrorBody(apiError), records: 0 }, null, apiError.headers);
    }
  }

  function deliver(res: ServerResponse, result: ApiResult, breakWith: BreakKind | null, headers?: Readonly<Record<string, string>>): void {
    const delay = state.latency.fixedMs + state.latency.perRecordMs * result.records;
    const send = (): void => sendJson(res, result.status, result.body, state.data.now(), headers, breakWith);
    if (delay <= 0) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delay);
    timers.add(timer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  // A wildcard listen address is not a place to send requests to: point clients at loopback instead.
  const reachable = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  const host = reachable.includes(':') ? `[${reachable}]` : reachable;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    get accounts() {
      return credentialsOf(state.data.accounts());
    },
    get data() {
      return state.data;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections(); // hanging requests included
      await closed;
    },
  };
}

function tooManyRequests(retryAfter: boolean): TwilioApiError {
  return new TwilioApiError(429, 20429, 'Too Many Requests', retryAfter ? { 'Retry-After': '1' } : {});
}

function internalError(error: unknown): TwilioApiError {
  log.error({ err: error }, 'emulator request failed');
  return new TwilioApiError(500, 20500, 'An internal server error has occurred', {}, { cause: error });
}

function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return null;
  }
}
