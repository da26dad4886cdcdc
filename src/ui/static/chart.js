// Rows synced per run as an inline SVG bar chart (no library), with a text summary for screen readers.
import { formatNumber, formatTime, svg } from './dom.js';

/** @param {{ runId: string, startedAt: string, rows: number, status: string }[]} history oldest first */
export function rowsChart(history) {
  const runs = history.slice(-30);
  const width = 640;
  const height = 180;
  const pad = { left: 56, right: 8, top: 12, bottom: 24 };
  const max = Math.max(1, ...runs.map((run) => run.rows));
  const slot = (width - pad.left - pad.right) / Math.max(runs.length, 1);
  // Bars stay bars with few runs: at most 40 units wide, centred in their slot.
  const barWidth = Math.max(1, Math.min(40, slot * 0.7));
  const y = (/** @type {number} */ rows) => pad.top + (height - pad.top - pad.bottom) * (1 - rows / max);
  const latest = runs.at(-1);
  const summary = runs.length
    ? `${runs.length} runs; latest ${formatNumber(latest?.rows ?? 0)} rows; most ${formatNumber(max)} rows.`
    : 'No runs yet.';
  return svg('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc' },
    svg('title', { id: 'chart-title' }, 'Rows synced per run'),
    svg('desc', { id: 'chart-desc' }, summary),
    svg('line', { x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0), class: 'axis' }),
    svg('text', { x: pad.left - 6, y: y(max) + 4, 'text-anchor': 'end', class: 'tick' }, formatNumber(max)),
    svg('text', { x: pad.left - 6, y: y(0) + 4, 'text-anchor': 'end', class: 'tick' }, '0'),
    runs.map((run, i) => svg('rect', {
      x: pad.left + i * slot + (slot - barWidth) / 2, width: barWidth, y: y(run.rows), height: Math.max(0, y(0) - y(run.rows)), class: `bar bar-${run.status}`,
    }, svg('title', {}, `${formatTime(run.startedAt)}: ${formatNumber(run.rows)} rows (${run.status})`))),
    runs.length ? svg('text', { x: width - pad.right, y: height - 6, 'text-anchor': 'end', class: 'tick' }, formatTime(latest?.startedAt)) : null,
    runs.length ? svg('text', { x: pad.left, y: height - 6, class: 'tick' }, formatTime(runs[0]?.startedAt)) : null,
  );
}
