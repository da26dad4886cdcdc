// The command line as users run it: the built CLI in a child process, against the emulator.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli, type CliResult } from '../test-support/run-cli.js';
import { mainAccount, startHarness, type Harness } from '../test-support/sync-harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

const run = (args: string[]): Promise<CliResult> => runCli(args, { TWILIO_SOURCE_HOME: harness.home });

describe('twilio-source sync', () => {
  const credentials = (): string[] => ['--account-sid', mainAccount(harness.emulator).sid, '--auth-token', mainAccount(harness.emulator).authToken];

  it.each([
    [['--schema', 'Bad-Name'], /^twilio-source: --schema must be lowercase letters/],
    [['--collections', 'messages,faxes'], /^twilio-source: --collections must be among addresses, calls/],
    [['--start-date', '2024-02-30'], /^twilio-source: --start-date is not a real date \(got "2024-02-30"\)/],
    [['--lookback', 'a week'], /^twilio-source: --lookback must be a number followed by d, h or m/],
    [['--warehouse', 'mysql://x'], /^twilio-source: --warehouse must be duckdb:PATH or postgres/],
    [['--account-sid', 'AC123'], /^twilio-source: --account-sid \(or TWILIO_ACCOUNT_SID\) must be an Account SID/],
  ])('rejects %j before any request, with one line naming the flag, and writes nothing', async (flags, message) => {
    // The API base points nowhere: a request made by mistake would fail differently.
    const result = await run(['sync', ...credentials(), '--api-base-url', 'http://127.0.0.1:9', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(await readdir(harness.home).catch(() => [])).toEqual([]);
  });

  it('syncs and prints a machine-readable summary with --json', async () => {
    const result = await run(['sync', ...credentials(), '--api-base-url', harness.emulator.url, '--include-subaccounts', '--warehouse', `duckdb:${harness.duckdbPath}`, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { status: string; collections: { name: string; rowsLoaded: number; pages: number }[]; requests: number };
    expect(summary.status).toBe('success');
    expect(summary.collections.map((c) => c.name).sort()).toEqual(['addresses', 'call_feedback', 'calls', 'conferences', 'messages', 'transcriptions']);
    expect(summary.collections.every((c) => c.rowsLoaded > 0 && c.pages > 0)).toBe(true);
  });

  it('says which collections the credentials can read', async () => {
    const result = await run(['check', ...credentials(), '--api-base-url', harness.emulator.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Credentials accepted for AC[0-9a-f]{32}/);
    expect(result.stdout.match(/readable/g)).toHaveLength(6);
  });

  it('fails with one clear line on bad credentials', async () => {
    const result = await run(['check', '--account-sid', mainAccount(harness.emulator).sid, '--auth-token', 'wrong', '--api-base-url', harness.emulator.url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^twilio-source: Twilio rejected the credentials for AC[0-9a-f]{32} \(error 20003\): check the Account SID and Auth Token\n$/);
    expect(result.stderr).not.toContain('wrong');
  });
});

describe('twilio-source emulator', () => {
  it('prints one JSON line with the URL and every account once it listens, serves Twilio, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, 'emulator', '--port', '0', '--seed', '5', '--subaccounts', '1', '--messages', '300', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const { url, accounts } = JSON.parse(line) as { url: string; accounts: { sid: string; authToken: string; parentSid: string | null }[] };
      expect(accounts).toHaveLength(2);
      const main = accounts.find((account) => account.parentSid === null);
      const auth = `Basic ${Buffer.from(`${main?.sid}:${main?.authToken}`).toString('base64')}`;
      const page = (await (await fetch(`${url}/2010-04-01/Accounts/${main?.sid}/Messages.json?PageSize=1000`, { headers: { authorization: auth } })).json()) as { messages: unknown[] };
      expect(page.messages).toHaveLength(300);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
