// What a started emulator hands back: its URL, every account's credentials, its data, and how to stop it.
import type { EmulatedAccount, EmulatedData } from './data/emulated-data.js';

export interface EmulatorCredentials {
  readonly sid: string;
  readonly authToken: string;
  /** Null for the main account. */
  readonly parentSid: string | null;
  /** The account's first standard API key ('' if it has none). */
  readonly apiKeySid: string;
  readonly apiKeySecret: string;
}

export interface RunningEmulator {
  /** `http://host:port`, serving both the 2010-04-01 API and Voice Insights v1. */
  readonly url: string;
  /** Current after a reset through the control API, like `data`. */
  readonly accounts: readonly EmulatorCredentials[];
  readonly data: EmulatedData;
  /** Stops listening and ends every open connection, hanging requests included. */
  close(): Promise<void>;
}

export function credentialsOf(accounts: readonly EmulatedAccount[]): EmulatorCredentials[] {
  return accounts.map((account) => ({
    sid: account.sid,
    authToken: account.authToken,
    parentSid: account.parentSid,
    apiKeySid: account.apiKeys[0]?.sid ?? '',
    apiKeySecret: account.apiKeys[0]?.secret ?? '',
  }));
}
