// Run history: when, why, how it ended, how long, rows per collection, and every error and notice.
import { formatDuration, formatNumber, formatTime, h, statusBadge } from './dom.js';

/** @param {import('./api.js').RunView[]} runs newest first */
export function runsTable(runs) {
  if (runs.length === 0) return h('p', {}, 'No runs yet.');
  return h('table', { class: 'list runs' },
    h('caption', { class: 'visually-hidden' }, 'Runs, newest first'),
    h('thead', {}, h('tr', {}, ['Started', 'Trigger', 'Status', 'Duration', 'Rows', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, runs.map((run) => {
      const problems = [
        ...(run.error ? [h('li', { class: 'error' }, run.error)] : []),
        ...run.collections.filter((c) => c.error).map((c) => h('li', { class: 'error' }, `${c.name}: ${c.error ?? ''}`)),
        ...run.notices.map((notice) => h('li', {}, `Notice: ${notice}`)),
      ];
      const perCollection = run.collections.map((c) => `${c.name} ${formatNumber(c.rowsLoaded)}`).join(', ');
      return h('tr', {},
        h('td', {}, formatTime(run.startedAt)),
        h('td', {}, run.trigger),
        h('td', {}, statusBadge(run.status)),
        h('td', {}, formatDuration(run.durationMs)),
        h('td', { class: 'number', title: perCollection }, formatNumber(run.collections.reduce((sum, c) => sum + c.rowsLoaded, 0))),
        h('td', {}, problems.length ? h('ul', { class: 'details' }, problems) : perCollection || '—'));
    })));
}
