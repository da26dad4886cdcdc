// Listens on host:port (127.0.0.1 by default: the admin API is not for the open network unless asked).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createServer, type ServerOptions } from './create-server.js';

export interface StartServerOptions extends ServerOptions {
  readonly host?: string;
  /** 0 = any free port. */
  readonly port?: number;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export class ListenError extends Error {
  override readonly name = 'ListenError';
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = createServer(options);
  const server = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 0 }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error) => reject(new ListenError(`cannot listen on ${host}:${options.port ?? 0} (${error.message}): choose another --port or --host`, { cause: error })));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
