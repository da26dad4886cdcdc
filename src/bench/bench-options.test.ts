import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from './bench-options.js';

describe('parseBenchOptions', () => {
  it('defaults to issue 6’s dataset, over the 400 days Twilio keeps messages, at latencies 0 and 250 ms', () => {
    const options = parseBenchOptions([])!;
    expect(options.counts).toEqual({ messages: 1_000_000, calls: 200_000, conferences: 20_000, addresses: 10_000, transcriptions: 50_000, annotations: 20_000 });
    expect(options.historyDays).toBe(400);
    expect(options.latencies).toEqual([0, 250]);
    expect(options.cpuProf).toBe(false);
  });

  it('scales every count, and a count flag overrides its scaled value', () => {
    const options = parseBenchOptions(['--scale', '0.1', '--calls', '5', '--latencies', '250', '--stages', 'raw,duckdb', '--cpu-prof'])!;
    expect(options.counts.messages).toBe(100_000);
    expect(options.counts.calls).toBe(5);
    expect(options.latencies).toEqual([250]);
    expect(options.stages).toEqual(['raw', 'duckdb']);
    expect(options.cpuProf).toBe(true);
  });

  it('asks for the usage on --help or -h, whatever else is given', () => {
    expect(parseBenchOptions(['--help'])).toBeNull();
    expect(parseBenchOptions(['--scale', '0.1', '-h'])).toBeNull();
    expect(parseBenchOptions(['--scale', '0.1'])).not.toBeNull();
  });

  it('refuses unknown flags and bad values with a usage error', () => {
    expect(() => parseBenchOptions(['--nope'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--stages', 'raw,fast'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--scale', '-1'])).toThrow(BenchUsageError);
  });
});
