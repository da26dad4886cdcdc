import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../start-emulator.js';
import type { RunningEmulator } from '../running-emulator.js';
import { basicAuth, getJson, postJson } from '../testing/request-emulator.js';
import { startSmallEmulator } from '../testing/small-emulator.js';

let emulator: RunningEmulator | undefined;
afterEach(() => emulator?.close());

async function start(settings: Omit<EmulatorOptions, 'dataset'>): Promise<{ url: string; path: string; auth: string }> {
  const started = await startSmallEmulator(settings);
  emulator = started.emulator;
  const { main } = started;
  return { url: emulator.url, path: `/2010-04-01/Accounts/${main.sid}/Messages.json`, auth: basicAuth(main.sid, main.authToken) };
}

describe('fault injection', () => {
  it.each([
    ['429', 429, 20429],
    ['500', 500, 20500],
    ['503', 503, 20503],
  ] as const)('answers %s with Twilio error JSON', async (kind, status, code) => {
    const { url, path, auth } = await start({ faults: { rate: 1, kinds: [kind] } });
    const response = await fetch(url + path, { headers: { authorization: auth } });
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code, status });
  });

  it('resets the connection mid-body and truncates a body below its Content-Length', async () => {
    for (const kind of ['reset', 'truncated'] as const) {
      const { url, path, auth } = await start({ faults: { rate: 1, kinds: [kind] } });
      await expect(fetch(url + path, { headers: { authorization: auth } }).then((r) => r.text()), kind).rejects.toThrow();
      await emulator?.close();
    }
  });

  it('hangs until the client gives up, and close() ends the hanging request', async () => {
    const { url, path, auth } = await start({ faults: { rate: 1, kinds: ['hang'] } });
    await expect(fetch(url + path, { headers: { authorization: auth }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const hanging = fetch(url + path, { headers: { authorization: auth } });
    const outcome = hanging.then(
      () => 'answered',
      () => 'ended',
    );
    await emulator?.close();
    expect(await outcome).toBe('ended');
  });

  it('fails the same requests for the same seed and never touches /_emulator', async () => {
    const { url, path, auth } = await start({});
    const statuses = async (): Promise<number[]> => {
      await postJson(url, '/_emulator/faults', { seed: 42, rate: 0.4, kinds: ['500', '503'] });
      const seen: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        seen.push((await fetch(url + path, { headers: { authorization: auth } })).status);
        expect((await getJson(url, '/_emulator/faults')).status).toBe(200);
      }
      return seen;
    };
    const first = await statuses();
    expect(first.some((s) => s !== 200) && first.some((s) => s === 200)).toBe(true);
    expect(await statuses()).toEqual(first);
  });
});

describe('concurrency limit', () => {
  it.each([
    [true, '1'],
    [false, null],
  ] as const)('answers 429 code 20429 past the limit (Retry-After on: %s)', async (retryAfter, header) => {
    const { url, path, auth } = await start({ concurrencyLimit: 1, retryAfter, faults: { rate: 1, kinds: ['hang'] } });
    // Every request that gets a slot hangs in it, so of two concurrent requests one holds the slot and the other is refused.
    const controllers = [new AbortController(), new AbortController()];
    const requests = controllers.map((c) => fetch(url + path, { headers: { authorization: auth }, signal: c.signal }));
    const reply = await Promise.race(requests);
    expect(reply.status).toBe(429);
    expect(await reply.json()).toMatchObject({ code: 20429, status: 429 });
    expect(reply.headers.get('retry-after')).toBe(header);
    for (const c of controllers) c.abort();
    await Promise.allSettled(requests);
  });
});
