// Opens a DuckDB file from a separate process, as a user's own tool would, to see whether the file is free.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

const OPEN_AND_WAIT = `
import { DuckDBInstance } from '@duckdb/node-api';
try {
  const instance = await DuckDBInstance.create(process.argv[1]);
  console.log('opened');
  process.stdin.resume();
  process.stdin.on('end', () => { instance.closeSync(); process.exit(0); });
} catch (error) {
  console.log('failed: ' + error.message.split('\\n')[0]);
  process.exit(1);
}`;

export interface HeldFile {
  /** `opened`, or `failed: <reason>` when the file was locked. */
  readonly outcome: string;
  release(): Promise<void>;
}

/** Starts a process that opens the file read-write and keeps it open until released. */
export async function holdDuckDBFile(path: string): Promise<HeldFile> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', OPEN_AND_WAIT, path], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdout.setEncoding('utf8');
  const [line] = (await once(child.stdout, 'data')) as [string];
  const exited = once(child, 'exit');
  return {
    outcome: line.trim(),
    release: async () => {
      child.stdin.end();
      if (child.exitCode === null) await exited;
    },
  };
}

/** Whether another process can open the file read-write right now. */
export async function openableElsewhere(path: string): Promise<boolean> {
  const held = await holdDuckDBFile(path);
  await held.release();
  return held.outcome === 'opened';
}
