// Deliberate crashes for the reliability tests, as databases use failpoints: with TWILIO_SOURCE_CRASH_AT=name:n,
// the process kills itself with SIGKILL the nth time it reaches the point `name`. Unset, a crash point costs one
// comparison.
const spec = process.env['TWILIO_SOURCE_CRASH_AT'] ?? '';
const split = spec.lastIndexOf(':');
const target = split > 0 ? spec.slice(0, split) : undefined;
const nth = Number(spec.slice(split + 1));
let hits = 0;

export function crashPoint(name: string): void {
  if (name !== target) return;
  hits += 1;
  if (hits === nth) process.kill(process.pid, 'SIGKILL');
}
