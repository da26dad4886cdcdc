// The emulator in a child process, so that its CPU does not compete inside the measured process; driven through
// its control API, and its CPU time read from /proc so each stage can say whether the server bounded it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CountName } from './bench-options.js';

const descriptionSchema = z.object({
  url: z.url(),
  accounts: z.array(z.object({ sid: z.string(), authToken: z.string(), parentSid: z.string().nullable() })).min(1),
});

export interface EmulatorDataset {
  readonly counts: Readonly<Record<CountName, number>>;
  readonly historyDays: number;
  readonly seed: number;
}

export class EmulatorChildError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EmulatorChildError';
  }
}

export class EmulatorChild {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly accountSid: string,
    readonly authToken: string,
  ) {}

  /** Spawns `twilio-source emulator --json` from dist and waits for its one JSON line. */
  static async start(dataset: EmulatorDataset): Promise<EmulatorChild> {
    const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));
    const flags = Object.entries(dataset.counts).flatMap(([name, n]) => [`--${name}`, String(n)]);
    const args = [cli, 'emulator', '--json', '--port', '0', '--subaccounts', '0', '--seed', String(dataset.seed), '--history-days', String(dataset.historyDays), ...flags];
    // Plenty of permitted concurrency: the bench measures throughput, not 429 handling.
    const child = spawn(process.execPath, [...args, '--concurrency-limit', '1000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new EmulatorChildError(`The emulator exited (code ${code}) before it listened: run \`npm run build\` and check its flags`))));
    const first = new Promise<string>((resolve) => lines.once('line', resolve));
    const line = await Promise.race([first, exited]);
    lines.close();
    const description = descriptionSchema.parse(JSON.parse(line));
    const main = description.accounts.find((account) => account.parentSid === null) ?? description.accounts[0];
    if (main === undefined) throw new EmulatorChildError('The emulator listed no account');
    child.removeAllListeners('exit');
    return new EmulatorChild(child, description.url, main.sid, main.authToken);
  }

  /** POST /_emulator/{name}: latency, advance, … */
  async control(name: string, body: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}/_emulator/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer: unknown = await response.json();
    if (!response.ok) throw new EmulatorChildError(`The emulator refused POST /_emulator/${name}: ${JSON.stringify(answer)}`);
    return answer;
  }

  /** User + system CPU milliseconds the emulator has used so far; null where /proc is missing (not Linux). */
  async cpuMs(): Promise<number | null> {
    try {
      const stat = await readFile(`/proc/${this.child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** USER_HZ: 100 on every Linux Node supports. */
const CLOCK_TICKS = 100;
