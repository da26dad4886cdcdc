// Benchmark (not a test): how many list records per second the emulator serves. Run: npm run build && node dist/bench/emulator-throughput.js
import { Agent, request } from 'node:http';
import { startEmulator } from '../emulator/start-emulator.js';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 200_000);
const WINDOWS = Number(process.env['BENCH_WINDOWS'] ?? 4);
const HISTORY_DAYS = 90;

const emulator = await startEmulator({
  concurrencyLimit: 1000,
  dataset: { seed: 7, subaccounts: 0, messages: MESSAGES, calls: 0, conferences: 0, addresses: 0, transcriptions: 0, annotations: 0, historyDays: HISTORY_DAYS },
});
const main = emulator.accounts[0];
if (!main) throw new Error('the emulator has no main account');
const agent = new Agent({ keepAlive: true, maxSockets: WINDOWS });
const authorization = `Basic ${Buffer.from(`${main.sid}:${main.authToken}`).toString('base64')}`;

/**
 * GETs one page and reads only what a client must to continue: the envelope, which the emulator writes before the
 * records, and whether the record array is empty. The body is not decoded whole, so the figure is the server's cost.
 */
function getPage(path: string): Promise<{ next: string | null; records: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}${path}`, { agent, headers: { authorization } }, (res) => {
      let head = '';
      let tail = '';
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('latin1', 0, Math.min(chunk.length, 4096));
        tail = chunk.toString('latin1', Math.max(0, chunk.length - 3));
        bytes += chunk.length;
      });
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}: ${head.slice(0, 200)}`));
        const next = /"next_page_uri":("(?:[^"\\]|\\.)*"|null)/.exec(head)?.[1] ?? 'null';
        const start = Number(/"start":(\d+)/.exec(head)?.[1]);
        const end = Number(/"end":(\d+)/.exec(head)?.[1]);
        resolve({ next: JSON.parse(next) as string | null, records: tail === '[]}' ? 0 : end - start + 1, bytes });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function readWindow(from: Date, to: Date): Promise<{ records: number; bytes: number }> {
  let path: string | null =
    `/2010-04-01/Accounts/${main?.sid}/Messages.json?DateSent%3E=${from.toISOString()}&DateSent%3C=${to.toISOString()}&PageSize=1000`;
  let records = 0;
  let bytes = 0;
  while (path) {
    const page = await getPage(path);
    records += page.records;
    bytes += page.bytes;
    path = page.next;
  }
  return { records, bytes };
}

async function run(): Promise<{ records: number; bytes: number; seconds: number }> {
  const now = emulator.data.now().getTime();
  const span = (HISTORY_DAYS + 1) * 86_400_000;
  const edges = Array.from({ length: WINDOWS + 1 }, (_, i) => new Date(now + 1000 - span + (span * i) / WINDOWS));
  const started = process.hrtime.bigint();
  const results = await Promise.all(edges.slice(1).map((to, i) => readWindow(edges[i] ?? to, to)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { records: results.reduce((n, r) => n + r.records, 0), bytes: results.reduce((n, r) => n + r.bytes, 0), seconds };
}

try {
  const expected = emulator.data.truth()[main.sid]?.messages.count;
  for (const label of ['warm-up', 'measured']) {
    const { records, bytes, seconds } = await run();
    if (records !== expected) throw new Error(`read ${records} messages but the truth says ${expected}`);
    console.log(
      `${label}: ${records} records in ${seconds.toFixed(2)} s = ${Math.round(records / seconds)} records/s ` +
        `(${(bytes / 1e6 / seconds).toFixed(1)} MB/s, PageSize 1000, ${WINDOWS} concurrent windows, server and client on one thread)`,
    );
  }
} finally {
  agent.destroy();
  await emulator.close();
}
