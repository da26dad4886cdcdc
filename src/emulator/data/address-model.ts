// Addresses: created unvalidated; about half get validated and verified within a week (date_updated moves).
import type { AccountContext } from './account-context.js';
import type { TwilioJson } from './emulated-data.js';
import type { Grid } from './grid.js';
import { PlacedModel } from './placed-model.js';
import type { CoreRecord, DateField, RecordModel } from './record-model.js';
import { DAY, rfc2822 } from './time-format.js';

export interface AddressCore extends CoreRecord {
  /** When validation completes, or null if it never does. */
  readonly verifiedAt: number | null;
}

const PLACES = [
  { iso: 'US', city: 'San Francisco', region: 'CA', postal: () => '941', streets: ['Market St', 'Mission St', '4th St'] },
  { iso: 'US', city: 'New York', region: 'NY', postal: () => '100', streets: ['Broadway', '5th Ave', 'Park Ave'] },
  { iso: 'GB', city: 'London', region: 'Greater London', postal: () => 'EC1A ', streets: ['Baker Street', 'Old Street'] },
  { iso: 'DE', city: 'Berlin', region: 'Berlin', postal: () => '101', streets: ['Friedrichstraße', 'Torstraße'] },
  { iso: 'FR', city: 'Paris', region: 'Île-de-France', postal: () => '750', streets: ['Rue de Rivoli', 'Rue du Bac'] },
  { iso: 'JP', city: 'Tokyo', region: 'Tokyo', postal: () => '100-', streets: ['Chiyoda 1-1', 'Marunouchi 2-4'] },
] as const;
const CUSTOMERS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella LLC', 'Jane Doe', 'Müller GmbH', 'Søren Kierkegaard'];
const FRIENDLY = ['Main Office', 'Warehouse', 'HQ', 'Emergency address', 'Branch'];
const MAX_VERIFY = 7 * DAY;

export class AddressModel extends PlacedModel implements RecordModel<AddressCore> {
  readonly maxLife = MAX_VERIFY;
  readonly dates: Readonly<Record<string, DateField<AddressCore>>> = {
    date_created: { at: (c) => c.created, maxOffset: 0 },
    date_updated: { at: (c, now) => this.updatedAt(c, now), maxOffset: MAX_VERIFY },
  };

  constructor(
    grid: Grid,
    private readonly account: AccountContext,
  ) {
    super(grid, ['AD']);
  }

  core(i: number): AddressCore {
    const rng = this.grid.rng(i);
    const created = this.grid.placed(i, rng.next());
    const sid = this.codec.make('AD', i, rng);
    const verifiedAt = rng.chance(0.5) ? created + rng.int(3600, MAX_VERIFY) : null;
    const deleteAt = rng.chance(0.01) ? created + rng.int(3600, 2 * DAY) : null;
    return { i, sid, created, deleteAt, verifiedAt };
  }

  updatedAt(c: AddressCore, now: number): number {
    return c.verifiedAt !== null && now >= c.verifiedAt ? c.verifiedAt : c.created;
  }

  json(c: AddressCore, now: number): TwilioJson {
    const rng = this.grid.rng(c.i, 1);
    const place = rng.pick(PLACES);
    const verified = c.verifiedAt !== null && now >= c.verifiedAt;
    return {
      account_sid: this.account.sid,
      city: place.city,
      customer_name: rng.pick(CUSTOMERS),
      date_created: rfc2822(c.created),
      date_updated: rfc2822(this.updatedAt(c, now)),
      friendly_name: rng.pick(FRIENDLY),
      iso_country: place.iso,
      postal_code: `${place.postal()}${rng.int(10, 99)}`,
      region: place.region,
      sid: c.sid,
      street: `${rng.int(1, 2000)} ${rng.pick(place.streets)}`,
      uri: `${this.account.base}/Addresses/${c.sid}.json`,
      emergency_enabled: place.iso === 'US' && rng.chance(0.3),
      validated: verified,
      verified,
      street_secondary: rng.chance(0.2) ? `Suite ${rng.int(100, 999)}` : null,
    };
  }
}
