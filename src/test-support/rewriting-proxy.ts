// Test support: a proxy in front of the emulator that rewrites the records of list pages, to play Twilio adding a
// field or sending odd data.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordRewrite = (record: Record<string, unknown>, index: number) => Record<string, unknown>;

/** `failPaths`: requests whose path matches always get a 500, as a Twilio outage of one resource. */
export async function startRewritingProxy(
  target: string,
  envelopeKey: string,
  rewrite: RecordRewrite,
  failPaths?: RegExp,
): Promise<{ url: string; close(): Promise<void> }> {
  let seen = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (failPaths?.test(req.url ?? '')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status: 500 }));
        return;
      }
      const headers: Record<string, string> = {};
      if (req.headers.authorization) headers['authorization'] = req.headers.authorization;
      const answer = await fetch(`${target}${req.url ?? '/'}`, { headers });
      let body = await answer.text();
      if (answer.ok) {
        const page = JSON.parse(body) as Record<string, unknown>;
        const records = page[envelopeKey];
        if (Array.isArray(records)) page[envelopeKey] = records.map((record: Record<string, unknown>) => rewrite(record, seen++));
        body = JSON.stringify(page);
      }
      const date = answer.headers.get('date');
      res.writeHead(answer.status, { 'content-type': 'application/json', ...(date ? { date } : {}) });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
