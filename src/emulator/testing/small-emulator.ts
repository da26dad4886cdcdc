// Test helper: an emulator over a small real dataset (main account plus one subaccount), with credentials at hand.
import type { EmulatorCredentials, RunningEmulator } from '../running-emulator.js';
import { startEmulator, type EmulatorOptions } from '../start-emulator.js';

export interface SmallEmulator {
  readonly emulator: RunningEmulator;
  readonly main: EmulatorCredentials;
  readonly sub: EmulatorCredentials;
}

export async function startSmallEmulator(options: Omit<EmulatorOptions, 'dataset'> = {}): Promise<SmallEmulator> {
  const emulator = await startEmulator({
    ...options,
    dataset: { seed: 3, subaccounts: 1, messages: 400, calls: 150, conferences: 40, addresses: 10, transcriptions: 20, annotations: 60, historyDays: 30 },
  });
  const main = emulator.accounts.find((a) => a.parentSid === null);
  const sub = emulator.accounts.find((a) => a.parentSid !== null);
  if (!main || !sub) throw new Error('the dataset has a main account and a subaccount');
  return { emulator, main, sub };
}

export function pair(credentials: EmulatorCredentials): readonly [string, string] {
  return [credentials.sid, credentials.authToken];
}
