// Starts the Twilio emulator: generates the dataset, then serves it with the given server, load and fault settings.
import type { z } from 'zod';
import { createEmulatedData } from './data/create-emulated-data.js';
import { datasetOptionsSchema } from './data/dataset-options.js';
import { serverSettingsSchema } from './emulator-options.js';
import type { RunningEmulator } from './running-emulator.js';
import { serveEmulator } from './serve-emulator.js';

export const emulatorOptionsSchema = serverSettingsSchema.extend({
  /** Seed, subaccounts, per-account counts, history: passed to the data generator. */
  dataset: datasetOptionsSchema.prefault({}),
});

/** Options as callers write them: every field optional. */
export type EmulatorOptions = z.input<typeof emulatorOptionsSchema>;

/** Listens on host:port (default 127.0.0.1, a free port) and resolves once it accepts requests. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { dataset, ...settings } = emulatorOptionsSchema.parse(options);
  return serveEmulator(settings, createEmulatedData(dataset), (body) => createEmulatedData(datasetOptionsSchema.parse(body)));
}
