// Reads a V8 .cpuprofile (node --cpu-prof) and sums self time by function, mapped back to the TypeScript source
// through dist's source maps, so the bench can name the top costs of a stage.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const profileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number(), columnNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});
export type CpuProfile = z.infer<typeof profileSchema>;

export interface SelfTime {
  /** `name (file:line)`, the file relative to the working directory, TypeScript where a source map says so. */
  readonly where: string;
  readonly selfMs: number;
  readonly share: number;
}

/** Self time per function, largest first; each sample lasts until the next one. */
export function summarizeCpuProfile(profile: CpuProfile, top = 10): SelfTime[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index + 1] ?? 0;
    const frame = nodes.get(id);
    if (frame === undefined) return;
    const key = describeFrame(frame);
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    total += micros;
  });
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([where, micros]) => ({ where, selfMs: micros / 1000, share: total === 0 ? 0 : micros / total }));
}

export function readCpuProfile(path: string): CpuProfile {
  return profileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

const maps = new Map<string, SourceMap | null>();

function describeFrame(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (!frame.url.startsWith('file://')) return frame.url === '' ? name : `${name} (${frame.url}:${frame.lineNumber + 1})`;
  const file = fileURLToPath(frame.url);
  const entry = sourceMapOf(file)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry !== undefined && 'originalSource' in entry) {
    const original = entry.originalSource;
    const source = original.startsWith('file://') ? fileURLToPath(original) : resolve(dirname(file), original);
    return `${name} (${relative(process.cwd(), source)}:${entry.originalLine + 1})`;
  }
  return `${name} (${relative(process.cwd(), file)}:${frame.lineNumber + 1})`;
}

function sourceMapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const path = `${file}.map`;
    maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as SourceMapPayload) : null);
  }
  return maps.get(file) ?? null;
}
