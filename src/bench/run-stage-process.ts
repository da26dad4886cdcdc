// Runs one stage in a fresh `node dist/bench/stage.js` process and reads its result line.
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RESULT_MARKER, stageResultSchema, type StageArgs, type StageResult } from './stage-protocol.js';

export class StageFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StageFailedError';
  }
}

/** `cpuProfDir` makes node write a .cpuprofile of the stage there (open it in Chrome DevTools or summarize-profile). */
export async function runStageProcess(label: string, args: StageArgs, cpuProfDir?: string): Promise<StageResult> {
  const script = fileURLToPath(new URL('./stage.js', import.meta.url));
  if (cpuProfDir !== undefined) await mkdir(cpuProfDir, { recursive: true });
  const profile = cpuProfDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', cpuProfDir, '--cpu-prof-name', `${label}.cpuprofile`];
  // The project logs with pino at info; keep the bench's output to the table.
  const child = spawn(process.execPath, [...profile, script, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr = (stderr + chunk).slice(-4000)));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  if (code !== 0 || line === undefined) {
    throw new StageFailedError(`Stage ${label} failed (exit code ${code}): ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no output'}`);
  }
  return stageResultSchema.parse(JSON.parse(line.slice(RESULT_MARKER.length)));
}
