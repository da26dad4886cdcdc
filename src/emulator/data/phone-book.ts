// Phone numbers of one account: a few Twilio numbers it owns (with PN SIDs) and a pool of customers in several
// countries, so To/From filters find several records.
import { randomSid, type Rng } from './random.js';

export interface PhoneNumber {
  readonly e164: string;
  /** As Twilio formats it for display: `(305) 141-6799` in North America, E.164 elsewhere. */
  readonly formatted: string;
  readonly country: string;
  /** The IncomingPhoneNumber SID, for the account's own numbers only. */
  readonly sid: string | null;
}

interface Country {
  readonly iso: string;
  readonly code: string;
  readonly digits: number;
  readonly weight: number;
}

const COUNTRIES: readonly Country[] = [
  { iso: 'US', code: '1', digits: 10, weight: 60 },
  { iso: 'CA', code: '1', digits: 10, weight: 6 },
  { iso: 'GB', code: '44', digits: 10, weight: 8 },
  { iso: 'DE', code: '49', digits: 11, weight: 5 },
  { iso: 'FR', code: '33', digits: 9, weight: 4 },
  { iso: 'RU', code: '7', digits: 10, weight: 3 },
  { iso: 'JP', code: '81', digits: 10, weight: 3 },
  { iso: 'CN', code: '86', digits: 11, weight: 3 },
  { iso: 'AE', code: '971', digits: 9, weight: 3 },
  { iso: 'BR', code: '55', digits: 11, weight: 5 },
];

function makeNumber(rng: Rng, country: Country, owned: boolean): PhoneNumber {
  let national: string;
  if (country.code === '1') {
    // NANP: area code and exchange start with 2–9.
    national = `${rng.int(2, 9)}${rng.int(0, 9)}${rng.int(0, 9)}${rng.int(2, 9)}${rng.int(0, 9)}${rng.int(0, 9)}`;
    for (let k = 0; k < 4; k++) national += String(rng.int(0, 9));
  } else {
    national = String(rng.int(1, 9));
    for (let k = 1; k < country.digits; k++) national += String(rng.int(0, 9));
  }
  const e164 = `+${country.code}${national}`;
  const formatted =
    country.code === '1' ? `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}` : e164;
  return { e164, formatted, country: country.iso, sid: owned ? randomSid('PN', rng) : null };
}

export class PhoneBook {
  readonly own: readonly PhoneNumber[];
  readonly customers: readonly PhoneNumber[];

  constructor(rng: Rng, ownCount = 6, customerCount = 400) {
    const us = COUNTRIES[0] as Country;
    const table = COUNTRIES.map((c) => [c, c.weight] as const);
    this.own = Array.from({ length: ownCount }, (_, k) => makeNumber(rng, k < 4 ? us : rng.weighted(table), true));
    this.customers = Array.from({ length: customerCount }, () => makeNumber(rng, rng.weighted(table), false));
  }

  /** The account's number most records use: traffic concentrates on a few numbers. */
  ownNumber(rng: Rng): PhoneNumber {
    return rng.chance(0.6) ? (this.own[0] as PhoneNumber) : rng.pick(this.own);
  }

  customer(rng: Rng): PhoneNumber {
    return rng.pick(this.customers);
  }
}

/** Price per SMS segment or per call minute by destination country (USD), roughly Twilio's list prices. */
export function ratePerUnit(country: string, kind: 'sms' | 'voice'): number {
  const sms: Record<string, number> = { US: 0.0079, CA: 0.0079, GB: 0.04, DE: 0.0757, FR: 0.0741, BR: 0.0625 };
  const voice: Record<string, number> = { US: 0.014, CA: 0.014, GB: 0.0158, DE: 0.0422, FR: 0.0329, BR: 0.036 };
  return (kind === 'sms' ? sms[country] : voice[country]) ?? (kind === 'sms' ? 0.0512 : 0.0675);
}

/** Twilio's money strings: negative (a charge), five decimals. */
export function priceString(amount: number): string {
  return (-amount).toFixed(5);
}
