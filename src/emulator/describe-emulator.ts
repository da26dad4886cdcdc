// The one JSON line `twilio-source emulator --json` prints once the emulator listens.
import type { EmulatorCredentials, RunningEmulator } from './running-emulator.js';

export interface EmulatorDescription {
  readonly url: string;
  readonly accounts: readonly EmulatorCredentials[];
}

export function describeEmulator(running: RunningEmulator): EmulatorDescription {
  return { url: running.url, accounts: running.accounts };
}
