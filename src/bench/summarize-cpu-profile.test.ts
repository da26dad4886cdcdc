import { describe, expect, it } from 'vitest';
import { summarizeCpuProfile, type CpuProfile } from './summarize-cpu-profile.js';

const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber, columnNumber: 0 });

describe('summarizeCpuProfile', () => {
  it('sums each sample’s duration (until the next sample) into its function, largest first', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '', -1) },
        { id: 2, callFrame: frame('parse', 'node:internal/json', 9) },
        { id: 3, callFrame: frame('', 'node:internal/other', 0) },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [0, 1000, 3000, 2000],
    };
    expect(summarizeCpuProfile(profile)).toEqual([
      { where: 'parse (node:internal/json:10)', selfMs: 3, share: 0.5 },
      { where: '(anonymous) (node:internal/other:1)', selfMs: 3, share: 0.5 },
    ]);
    expect(summarizeCpuProfile(profile, 1)).toHaveLength(1);
  });
});
