// Message bodies in several scripts (with emoji) and Twilio's segment count for them (GSM-7 or UCS-2).
import type { Rng } from './random.js';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿' +
  'abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Septets per UTF-16 code unit: 1 basic, 2 extended (escape + char), 0 not in GSM-7. */
const SEPTETS = new Uint8Array(65536);
for (const ch of GSM_BASIC) SEPTETS[ch.charCodeAt(0)] = 1;
for (const ch of GSM_EXTENDED) SEPTETS[ch.charCodeAt(0)] = 2;

/** Segments Twilio bills for an SMS body: GSM-7 160/153 septets, otherwise UCS-2 70/67 code units. */
export function segmentCount(body: string): number {
  let septets = 0;
  for (let k = 0; k < body.length; k++) {
    const s = SEPTETS[body.charCodeAt(k)] as number;
    if (s === 0) return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
    septets += s;
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const LATIN = [
  'Your verification code is',
  'Hi! Your order has shipped and will arrive on Thursday.',
  'Reminder: your appointment is tomorrow at 10:30 AM. Reply C to confirm or R to reschedule.',
  'Thanks for reaching out, an agent will reply shortly.',
  'Your table is ready. Please come to the host stand within 10 minutes.',
  'Payment of $42.17 received. Thank you!',
  'Can you call me back when you get a chance?',
  'Meeting moved to 3pm, same room.',
  'Reply STOP to unsubscribe.',
  'Ihre Bestellung ist unterwegs. Voraussichtliche Zustellung: Freitag.',
  'Votre rendez-vous est confirmé pour demain à 14h.',
  'Tu código de acceso es válido durante 10 minutos.',
  'Price list: {basic} [pro] ~ enterprise | ask us',
];
const CYRILLIC = [
  'Ваш код подтверждения:',
  'Спасибо за заказ! Курьер привезёт его завтра.',
  'Напоминаем о записи на завтра в 10:00.',
  'Ваш платёж получен, спасибо.',
];
const CJK = ['您的验证码是', '感谢您的订购，您的包裹已发货。', '明日の予約をお忘れなく。', '会議は午後3時に変更になりました。'];
const ARABIC = ['رمز التحقق الخاص بك هو', 'شكراً لطلبك! سيتم توصيله غداً.', 'تم استلام دفعتك، شكراً لك.'];
const EMOJI = ['🎉', '👍', '😊', '🚚', '❤️', '✅', '📦', '🙏'];

type Script = 'latin' | 'latin-emoji' | 'cyrillic' | 'cjk' | 'arabic';
const SCRIPTS: readonly (readonly [Script, number])[] = [
  ['latin', 62],
  ['latin-emoji', 12],
  ['cyrillic', 9],
  ['cjk', 9],
  ['arabic', 8],
];
const POOLS: Record<Script, readonly string[]> = {
  latin: LATIN,
  'latin-emoji': LATIN,
  cyrillic: CYRILLIC,
  cjk: CJK,
  arabic: ARABIC,
};

/** Length in UTF-16 code units: mostly one segment, some long, a few up to Twilio's 1600 limit. */
function targetLength(rng: Rng): number {
  const r = rng.next();
  if (r < 0.65) return rng.int(12, 160);
  if (r < 0.93) return rng.int(161, 480);
  return rng.int(481, 1600);
}

export function messageBody(rng: Rng, mms: boolean): string {
  if (mms && rng.chance(0.4)) return '';
  const script = rng.weighted(SCRIPTS);
  const pool = POOLS[script];
  const target = targetLength(rng);
  let body = '';
  while (body.length < target) {
    if (body.length > 0) body += ' ';
    body += rng.pick(pool);
    if (rng.chance(0.3)) body += ` ${rng.int(100000, 999999)}`;
    if (script === 'latin-emoji' && rng.chance(0.5)) body += ` ${rng.pick(EMOJI)}`;
  }
  if (body.length > target) {
    // Cut at the target without splitting a surrogate pair, then drop trailing spaces.
    let end = target;
    const last = body.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    body = body.slice(0, end).trimEnd();
  }
  return body;
}
