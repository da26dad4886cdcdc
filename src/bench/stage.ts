// A stage process: `node dist/bench/stage.js '<json args>'` runs one measured stage alone, so its peak RSS is its own.
import { runBaselineStage } from './baseline-stage.js';
import { runRawStage } from './raw-stage.js';
import { RESULT_MARKER, stageArgsSchema, type StageArgs, type StageMeasures, type StageResult } from './stage-protocol.js';
import { runSyncStage } from './sync-stage.js';

function run(args: StageArgs): Promise<StageMeasures> {
  switch (args.kind) {
    case 'raw':
      return runRawStage(args);
    case 'baseline':
      return runBaselineStage(args);
    case 'sync':
      return runSyncStage(args);
  }
}

const args = stageArgsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const cpuBefore = process.cpuUsage();
const measured = await run(args);
const cpu = process.cpuUsage(cpuBefore);
// maxRSS is in kilobytes.
const result: StageResult = { ...measured, cpuMs: (cpu.user + cpu.system) / 1000, systemCpuMs: cpu.system / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
