// The sources list: every source with its schema, schedule, state and last run, and the way to add one.
import { listSources } from './api.js';
import { formatTime, h, statusBadge } from './dom.js';

/** @param {HTMLElement} main */
export async function renderSourcesList(main) {
  const sources = await listSources();
  const add = h('a', { class: 'button', href: '#/new' }, 'Add source');
  if (sources.length === 0) {
    main.replaceChildren(h('h1', {}, 'Sources'), h('p', {}, 'No sources yet: add one to start syncing a Twilio account.'), add);
    return;
  }
  main.replaceChildren(h('h1', {}, 'Sources'), add,
    h('table', { class: 'list' },
      h('caption', { class: 'visually-hidden' }, 'Sources'),
      h('thead', {}, h('tr', {}, ['Name', 'Schema', 'Collections', 'Schedule', 'State', 'Last run'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, sources.map((source) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/sources/${source.id}` }, source.name)),
        h('td', {}, source.schema),
        h('td', {}, source.collections.length),
        h('td', {}, source.schedule),
        h('td', {}, source.enabled ? 'Enabled' : 'Disabled'),
        h('td', {}, source.lastRun ? [statusBadge(source.lastRun.status), ` ${formatTime(source.lastRun.startedAt)}`] : 'Never'))))));
}
