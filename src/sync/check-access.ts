// Checks credentials and which collections they can read, with one small request per collection.
import { allCollections } from '../collections/all-collections.js';
import { collectionNames, type CollectionName } from '../collections/collection.js';
import type { TwilioClient } from '../twilio/twilio-client.js';
import { planListings } from './plan-listings.js';

export interface AccessReport {
  readonly account: { readonly sid: string; readonly friendlyName: string | null; readonly status: string | null };
  readonly collections: readonly { readonly name: CollectionName; readonly readable: boolean; readonly error?: string }[];
}

export async function checkAccess(client: TwilioClient, accountSid: string): Promise<AccessReport> {
  const account = await client.checkCredentials();
  const now = client.serverNow();
  const collections = await Promise.all(
    collectionNames.map(async (name) => {
      const [listing] = planListings({ collection: allCollections[name], accountSid, viaParent: false, now, from: now, incremental: false, maxWindows: 1 }).listings;
      try {
        if (listing) await client.getJson(listing.path, { ...listing.query, PageSize: '1' });
        return { name, readable: true };
      } catch (error) {
        return { name, readable: false, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return { account: { sid: accountSid, friendlyName: account.friendlyName, status: account.status }, collections };
}
