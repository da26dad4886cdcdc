// Test support for the HTTP API: a server on 127.0.0.1 over a given service, calls with or without the token, and a
// record of every answer and log line so that tests can search them for secrets.
import { PassThrough } from 'node:stream';
import { createLogger } from '../../log.js';
import type { SourceService, SourceView } from '../../service/source-service.js';
import { startServer } from '../start-server.js';

export const testAdminToken = 'test-admin-token-0123456789';

export interface Answer {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
}

export interface ApiHarness {
  readonly url: string;
  /** Every answer's body and every log line so far. */
  readonly seen: string[];
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<Answer>;
  list(): Promise<SourceView[]>;
  close(): Promise<void>;
}

export async function startApi(service: SourceService): Promise<ApiHarness> {
  const seen: string[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => seen.push(chunk.toString()));
  const server = await startServer({ service, adminToken: testAdminToken, logger: createLogger({ destination, level: 'debug' }) });
  const call = async (method: string, path: string, body?: unknown, token: string | null = testAdminToken): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`${server.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    const text = await response.text();
    seen.push(text);
    const json: unknown = response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    return { status: response.status, json, text };
  };
  return {
    url: server.url,
    seen,
    call,
    list: async () => ((await call('GET', '/api/sources')).json as { sources: SourceView[] }).sources,
    close: () => server.close(),
  };
}

export const errorOf = (json: unknown): { code: string; field: string | null; message: string } =>
  (json as { error: { code: string; field: string | null; message: string } }).error;
