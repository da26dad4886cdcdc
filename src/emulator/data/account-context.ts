// What every collection of one account shares: its SID, seed salt, phone numbers and messaging services.
import type { PhoneBook } from './phone-book.js';

export interface AccountContext {
  readonly sid: string;
  /** 0 for the main account, 1… for subaccounts. */
  readonly index: number;
  readonly seed: number;
  readonly book: PhoneBook;
  readonly messagingServices: readonly string[];
  /** `/2010-04-01/Accounts/{sid}`: the prefix of every URI of the account's resources. */
  readonly base: string;
}
