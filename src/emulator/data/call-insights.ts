// Voice Insights views of a call: its Call Annotation and its Call Summary (which carries the annotation).
import type { AccountContext } from './account-context.js';
import { callStatus, type CallCore, type CallModel } from './call-model.js';
import type { TwilioJson } from './emulated-data.js';
import type { PhoneNumber } from './phone-book.js';
import type { Rng } from './random.js';
import { isoSeconds, isoSecondsOrNull } from './time-format.js';

const QUALITY_ISSUES = ['low_volume', 'choppy_robotic', 'echo', 'dtmf', 'latency', 'owa', 'static_noise'];
const COMMENTS = ['Customer could not hear the agent', 'Great call', 'Robotic audio for a few seconds', 'Call dropped'];
const CARRIERS = ['AT&T Wireless', 'T-Mobile USA, Inc.', 'Verizon Wireless', 'Vodafone', 'Orange', 'Deutsche Telekom'];
const CALL_STATE: Record<string, string> = {
  queued: 'undialed',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'busy',
  failed: 'fail',
  'no-answer': 'noanswer',
  canceled: 'canceled',
};
/** A summary stays `partial` for about 30 minutes after the call ends. */
const PROCESSING_DELAY = 1800;

function drawScore(rng: Rng): number | null {
  return rng.chance(0.1) ? null : rng.weighted([[5, 35], [4, 30], [3, 15], [2, 12], [1, 8]] as const);
}

/** The annotation's call_score (1–5, or null when the annotator gave none): call_feedback's version. */
export function annotationScore(model: CallModel, c: CallCore): number | null {
  return drawScore(model.grid.rng(c.i, 2));
}

/** The annotation's own fields (a summary embeds exactly these). */
export function annotationFields(model: CallModel, c: CallCore): TwilioJson {
  const rng = model.grid.rng(c.i, 2);
  const score = drawScore(rng);
  const good = score === null || score >= 4;
  const issues = good ? ['no_quality_issue'] : [rng.pick(QUALITY_ISSUES), rng.pick(QUALITY_ISSUES)];
  return {
    answered_by: rng.weighted([['human', 80], ['machine', 15], ['unknown_answered_by', 5]] as const),
    connectivity_issue: good
      ? 'no_connectivity_issue'
      : rng.pick(['dropped_call', 'invalid_number', 'caller_id', 'number_reachability', 'no_connectivity_issue']),
    quality_issues: [...new Set(issues)],
    spam: rng.chance(0.1) ? null : rng.chance(0.03),
    call_score: score,
    comment: rng.chance(0.6) ? null : rng.pick(COMMENTS),
    incident: rng.chance(0.9) ? null : `https://support.example.com/tickets/${rng.int(100000, 999999)}`,
  };
}

export function hasAnnotation(c: CallCore, now: number): boolean {
  return c.annotatedAt !== null && c.annotatedAt <= now;
}

/** GET /v1/Voice/{CallSid}/Annotation. */
export function annotationJson(model: CallModel, account: AccountContext, c: CallCore): TwilioJson {
  return {
    account_sid: account.sid,
    call_sid: c.sid,
    ...annotationFields(model, c),
    url: `https://insights.twilio.com/v1/Voice/${c.sid}/Annotation`,
  };
}

function party(n: PhoneNumber, rng: Rng, key: 'caller' | 'callee'): TwilioJson {
  return {
    [key]: n.e164,
    carrier: rng.pick(CARRIERS),
    connection: rng.chance(0.8) ? 'mobile' : 'landline',
    number_prefix: n.e164.slice(1, 5),
    location: { lat: Math.round((rng.next() * 120 - 60) * 1e5) / 1e5, lon: Math.round((rng.next() * 340 - 170) * 1e5) / 1e5 },
    country_code: n.country,
  };
}

function edge(rng: Rng, direction: string): TwilioJson {
  const leg = (sent: boolean) => {
    const packets = rng.int(100, 20000);
    const lost = rng.chance(0.8) ? 0 : rng.int(1, Math.ceil(packets / 50));
    return {
      codec: 0,
      codec_name: 'pcmu',
      [sent ? 'packets_sent' : 'packets_received']: packets,
      packets_lost: lost,
      packets_loss_percentage: Math.round((lost / packets) * 1e6) / 1e4,
      jitter: { max: Math.round(rng.next() * 3e5) / 1e5, avg: Math.round(rng.next() * 1e5) / 1e5 },
    };
  };
  return {
    properties: { media_region: 'us1', signaling_region: 'us1', edge_location: 'ashburn', direction },
    metrics: { inbound: leg(false), outbound: leg(true) },
  };
}

/** One item of GET /v1/Voice/Summaries at `now`. */
export function summaryJson(model: CallModel, account: AccountContext, c: CallCore, now: number): TwilioJson {
  const { from, to, rng } = model.parties(c);
  const status = callStatus(c, now);
  const ended = now >= c.ended;
  const callType = rng.weighted([['carrier', 85], ['sip', 10], ['trunking', 5]] as const);
  const direction = c.direction.replace('-', '_');
  const carrierEdge = callType === 'carrier' && ended ? edge(rng, direction) : null;
  const sipEdge = callType !== 'carrier' && ended ? edge(rng, direction) : null;
  return {
    account_sid: account.sid,
    call_sid: c.sid,
    answered_by: c.outcome === 'completed' && c.direction === 'outbound-api' ? 'human' : 'unknown',
    call_type: callType,
    call_state: CALL_STATE[status] ?? 'completed',
    processing_state: ended && now >= c.ended + PROCESSING_DELAY ? 'complete' : 'partial',
    created_time: isoSeconds(c.created),
    start_time: isoSecondsOrNull(now >= c.start ? c.start : null),
    end_time: isoSecondsOrNull(ended ? c.ended : null),
    duration: ended ? c.ended - c.created : null,
    connect_duration: ended ? c.ended - c.answered : null,
    from: party(from, rng, 'caller'),
    to: party(to, rng, 'callee'),
    carrier_edge: carrierEdge,
    client_edge: null,
    sdk_edge: null,
    sip_edge: sipEdge,
    tags: rng.chance(0.85) ? null : [rng.pick(['high_jitter', 'high_packet_loss', 'high_latency', 'silence'])],
    url: `https://insights.twilio.com/v1/Voice/${c.sid}/Summary`,
    attributes: { conference_participant: rng.chance(0.1) },
    properties: {
      last_sip_response_num: c.outcome === 'completed' ? 200 : c.outcome === 'busy' ? 486 : 487,
      pdd_ms: rng.int(80, 2500),
      disconnected_by: rng.chance(0.5) ? 'caller' : 'callee',
      direction,
    },
    trust: { verified_caller: { verified: rng.chance(0.7) } },
    annotation: hasAnnotation(c, now) ? annotationFields(model, c) : null,
  };
}
