// Call feedback read call by call, an option that is off by default: every call of the window is listed, then its
// Voice Insights annotation fetched (`/v1/Voice/{CallSid}/Annotation`; 404 = none). One request per call, so
// far slower than the summaries; for accounts whose call summaries are not available.
import { callFeedback } from './call-feedback.js';
import { calls } from './calls.js';
import type { Collection } from './collection.js';

export const callFeedbackPerCall: Collection = {
  ...callFeedback,
  path: calls.path,
  envelopeKey: calls.envelopeKey,
  read: { kind: 'windows', filter: 'StartTime', granularity: 'datetime', listings: [{}], minWindowDays: 30 },
  itemFields: ['sid', 'account_sid', 'start_time'],
  expand: {
    path: (call) => `/v1/Voice/${String(call['sid'])}/Annotation`,
    // The same shape as a call summary, so the summaries' mapping applies unchanged.
    combine: (call, annotation) => ({ call_sid: call['sid'], account_sid: call['account_sid'], start_time: call['start_time'], annotation }),
  },
};
