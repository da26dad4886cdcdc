// The raw limit: every page of every collection, with the project's listings, page size and concurrency, each page
// parsed (TwilioClient parses the JSON) and then discarded. The most any connector could do against this server.
import { allCollections } from '../collections/all-collections.js';
import { collectionNames } from '../collections/collection.js';
import { planListings } from '../sync/plan-listings.js';
import { runPool } from '../sync/run-pool.js';
import { TwilioClient } from '../twilio/twilio-client.js';
import type { StageArgs, StageMeasures } from './stage-protocol.js';

/** source-run.ts's default: at most this many date windows per listing. */
const MAX_WINDOWS = 16;

export async function runRawStage(args: Extract<StageArgs, { kind: 'raw' }>): Promise<StageMeasures> {
  const started = performance.now();
  const client = new TwilioClient({ credentials: { accountSid: args.accountSid, authToken: args.authToken }, baseUrl: args.url, maxConcurrency: args.concurrency });
  // As runSync: check the credentials first, and plan with Twilio's clock, from the beginning (a first sync).
  await client.checkCredentials();
  const now = client.serverNow();
  const listings = collectionNames.flatMap(
    (name) => planListings({ collection: allCollections[name], accountSid: args.accountSid, viaParent: false, now, from: null, incremental: false, maxWindows: MAX_WINDOWS }).listings,
  );
  let records = 0;
  let items = 0;
  let pages = 0;
  await runPool(listings, args.concurrency, async ({ path, query, collection }) => {
    for await (const page of client.listPages(path, query, collection.envelopeKey)) {
      pages += 1;
      // Every page parsed, whatever the project would leave as bytes: the raw limit reads all of the JSON.
      const listed = page.records();
      items += listed.length;
      const { toRecord } = collection;
      // Counted as the project counts rows (a summary without an annotation is no row), so the rates compare.
      records += toRecord ? listed.filter((item) => toRecord(item as Record<string, unknown>) !== null).length : listed.length;
    }
  });
  return { records, items, pages, wallMs: performance.now() - started, status: 'success' };
}
