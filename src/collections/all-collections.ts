// The registry of collections: adding a Twilio collection is adding a file and a line here.
import { addresses } from './addresses.js';
import { callFeedback } from './call-feedback.js';
import { calls } from './calls.js';
import type { Collection, CollectionName } from './collection.js';
import { conferences } from './conferences.js';
import { messages } from './messages.js';
import { transcriptions } from './transcriptions.js';

export const allCollections: Readonly<Record<CollectionName, Collection>> = {
  addresses,
  calls,
  conferences,
  transcriptions,
  messages,
  call_feedback: callFeedback,
};
