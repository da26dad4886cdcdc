// What main sends a stage process (one JSON argument) and what it prints back (one marked JSON line).
import { z } from 'zod';

const target = { url: z.url(), accountSid: z.string(), authToken: z.string(), concurrency: z.int().min(1).max(100) };

export const stageArgsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('raw'), ...target }),
  z.strictObject({
    kind: z.literal('baseline'),
    ...target,
    duckdbPath: z.string().min(1),
    /** Records read per SDK list, at most. */
    limits: z.record(z.string(), z.int().nonnegative()),
  }),
  z.strictObject({
    kind: z.literal('sync'),
    ...target,
    warehouse: z.string().min(1),
    schema: z.string().min(1),
    home: z.string().min(1),
    /** A first sync into PostgreSQL drops its schema before the clock starts. */
    dropSchemaFirst: z.boolean(),
  }),
]);
export type StageArgs = z.infer<typeof stageArgsSchema>;

export const stageResultSchema = z.strictObject({
  /** Rows a warehouse gets (for raw: listed items the project would keep). */
  records: z.number(),
  /** Items the API listed (summaries without an annotation included); null where the stage cannot see them. */
  items: z.number().nullable(),
  pages: z.number(),
  wallMs: z.number(),
  /** User + system CPU of the stage process. */
  cpuMs: z.number(),
  /** Of it, the system's: mostly page faults, which cost ~10 µs each on the bench's machine. */
  systemCpuMs: z.number(),
  peakRssMb: z.number(),
  /** For a sync: until the last page reached the hub, and the load tail after it (the loads overlap the source run). */
  phases: z.strictObject({ sourceMs: z.number(), warehouseMs: z.number() }).optional(),
  status: z.string(),
});
export type StageResult = z.infer<typeof stageResultSchema>;
/** What a stage measures itself; the stage process adds its CPU and memory. */
export type StageMeasures = Omit<StageResult, 'cpuMs' | 'systemCpuMs' | 'peakRssMb'>;

/** Stage output may carry log lines; the result is the line starting with this marker. */
export const RESULT_MARKER = 'BENCH_RESULT ';
