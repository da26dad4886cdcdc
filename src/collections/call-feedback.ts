// Call feedback: Twilio ended the Call Feedback API on 2023-12-31; its replacement, the Voice Insights Call
// Annotation, is read in bulk from the call summaries (each carries `annotation`). Annotations can be added up to
// 30 days after a call, so the window always reaches back at least 30 days.
import { columns, type Collection } from './collection.js';

export const callFeedback: Collection = {
  name: 'call_feedback',
  path: '/v1/Voice/Summaries',
  envelopeKey: 'call_summaries',
  idField: 'call_sid',
  read: { kind: 'summaries', minWindowDays: 30 },
  columns: columns({
    call_sid: 'text',
    account_sid: 'text',
    quality_score: 'bigint',
    issues: 'json',
    answered_by: 'text',
    connectivity_issue: 'text',
    spam: 'boolean',
    comment: 'text',
    incident: 'text',
    call_start_time: 'timestamptz',
  }),
  itemFields: ['annotation', 'call_sid', 'account_sid', 'start_time'],
  toRecord(summary) {
    const annotation = summary['annotation'];
    if (annotation === null || typeof annotation !== 'object') return null;
    // Segment's call_feedback names: quality_score and issues; the rest keeps the annotation's own names.
    const { call_score, quality_issues, ...rest } = annotation as Record<string, unknown>;
    return {
      ...rest,
      call_sid: summary['call_sid'],
      account_sid: summary['account_sid'],
      quality_score: call_score ?? null,
      issues: quality_issues ?? null,
      call_start_time: summary['start_time'] ?? null,
    };
  },
};
