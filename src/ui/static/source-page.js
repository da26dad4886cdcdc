// A source's page: Overview (per collection rows and status, and a chart of rows per run), run history, settings,
// and the Sync now, Full resync and enable controls. Refreshes itself while a run is going.
/* global confirm, location, window */
import { ApiFailure, deleteSource, getOverview, getSource, listRuns, setEnabled, triggerRun, updateSource } from './api.js';
import { rowsChart } from './chart.js';
import { announce, formatDuration, formatNumber, formatTime, h, statusBadge } from './dom.js';
import { runsTable } from './runs-table.js';
import { sourceForm } from './source-form.js';

/** @typedef {import('./api.js').SourceView} SourceView */
/** @typedef {import('./api.js').SourceOverview} SourceOverview */

/**
 * @param {HTMLElement} main
 * @param {string} id
 * @param {'overview' | 'runs' | 'settings'} tab
 * @param {AbortSignal} signal aborted when the user leaves the page: stops the refreshing
 */
export async function renderSourcePage(main, id, tab, signal) {
  const title = h('h1', {});
  const facts = h('p', { class: 'facts' });
  const toggle = h('button', { type: 'button', role: 'switch', class: 'switch', 'aria-label': 'Enabled', onclick: () => void act(async () => { const s = await setEnabled(id, toggle.getAttribute('aria-checked') !== 'true'); announce(`Source ${s.enabled ? 'enabled' : 'disabled'}.`); }) }, 'Enabled');
  const syncNow = h('button', { type: 'button', onclick: () => void act(async () => { await triggerRun(id, false); announce('Sync started.'); }) }, 'Sync now');
  const fullResync = h('button', { type: 'button', class: 'secondary', onclick: () => void act(async () => {
    if (!confirm('Full resync resets the cursors and reads everything from the start date again. Start it?')) return;
    await triggerRun(id, true);
    announce('Full resync started.');
  }) }, 'Full resync');
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Source' }, [['overview', 'Overview', ''], ['runs', 'Runs', '/runs'], ['settings', 'Settings', '/settings']].map(([key, label, path]) =>
    h('a', { href: `#/sources/${id}${path ?? ''}`, 'aria-current': key === tab ? 'page' : false }, label ?? '')));
  const content = h('section', { class: 'content', 'aria-label': tab === 'overview' ? 'Overview' : tab === 'runs' ? 'Runs' : 'Settings' });
  main.replaceChildren(title, facts, h('div', { class: 'controls' }, toggle, syncNow, fullResync), tabs, content);

  /** @param {() => Promise<void>} action */
  async function act(action) {
    try {
      await action();
      await refresh();
    } catch (error) {
      announce(error instanceof Error ? error.message : String(error));
    }
  }

  /** @param {SourceView} source */
  function showHeader(source) {
    title.textContent = source.name;
    const labels = Object.entries(source.labels).map(([k, v]) => `${k}=${v}`).join(', ');
    facts.textContent = `Schema ${source.schema} · Account ${source.accountSid} · schedule ${source.schedule}${labels ? ` · ${labels}` : ''}`;
    toggle.setAttribute('aria-checked', String(source.enabled));
    // The switch's name stays "Enabled" (aria-label) and aria-checked says on or off; the text shows it to the eye.
    toggle.textContent = source.enabled ? 'Enabled: on' : 'Enabled: off';
    const running = source.lastRun?.status === 'running';
    syncNow.disabled = running;
    fullResync.disabled = running;
    syncNow.textContent = running ? 'Syncing…' : 'Sync now';
  }

  let timer = 0;
  async function refresh() {
    window.clearTimeout(timer);
    if (signal.aborted) return;
    const source = tab === 'overview' ? await showOverview() : await getSource(id);
    if (signal.aborted) return;
    showHeader(source);
    if (tab === 'runs') content.replaceChildren(h('h2', {}, 'Run history'), runsTable(await listRuns(id, 50)));
    if (source.lastRun?.status === 'running' && tab !== 'settings') timer = window.setTimeout(() => void refresh().catch((error) => announce(String(error))), 1500);
  }
  signal.addEventListener('abort', () => window.clearTimeout(timer));

  async function showOverview() {
    const overview = await getOverview(id);
    const last = overview.source.lastRun;
    content.replaceChildren(
      h('h2', {}, 'Overview'),
      h('p', { class: 'summary' }, last ? ['Last sync ', statusBadge(last.status), ` started ${formatTime(last.startedAt)}, took ${formatDuration(last.durationMs)}.`] : 'Not synced yet: use Sync now.',
        overview.source.nextRunAt ? ` Next sync ${formatTime(overview.source.nextRunAt)}.` : ''),
      ...(last?.error ? [h('p', { class: 'error', role: 'alert' }, last.error)] : []),
      h('table', { class: 'list overview' },
        h('caption', { class: 'visually-hidden' }, 'Collections'),
        h('thead', {}, h('tr', {}, ['Collection', 'Rows in last run', 'Rows in total', 'Last sync', 'Status'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, overview.collections.map((c) => h('tr', { 'data-collection': c.name },
          h('th', { scope: 'row' }, c.name),
          h('td', { class: 'number', 'data-field': 'rowsLastRun', 'data-value': c.rowsLastRun }, formatNumber(c.rowsLastRun)),
          h('td', { class: 'number', 'data-field': 'rowsTotal', 'data-value': c.rowsTotal }, formatNumber(c.rowsTotal)),
          h('td', {}, formatTime(c.lastSyncAt)),
          h('td', { 'data-field': 'status' }, statusBadge(c.status)))))),
      h('h2', {}, 'Rows synced per run'),
      rowsChart(overview.history),
    );
    return overview.source;
  }

  function showSettings(/** @type {SourceView} */ source) {
    const form = sourceForm(source);
    const nodes = (/** @type {(import('./source-fields.js').Field | HTMLElement)[]} */ items) => items.map((item) => (item instanceof HTMLElement ? item : item.element));
    const problem = h('p', { class: 'error', role: 'alert', hidden: true });
    const save = async (/** @type {Event} */ event) => {
      event.preventDefault();
      problem.hidden = true;
      try {
        const saved = await updateSource(id, form.patchInput());
        announce('Settings saved.');
        showHeader(saved);
        showSettings(saved);
      } catch (error) {
        if (error instanceof ApiFailure && form.showError(error.field, error.message)) return;
        problem.textContent = error instanceof Error ? error.message : String(error);
        problem.hidden = false;
      }
    };
    const remove = async () => {
      if (!confirm(`Delete the source ${source.name}? Its warehouse tables stay.`)) return;
      await deleteSource(id);
      announce(`Source ${source.name} deleted.`);
      location.hash = '#/';
    };
    const section = (/** @type {string} */ name, /** @type {(import('./source-fields.js').Field | HTMLElement)[]} */ items) => h('section', { class: 'group' }, h('h3', {}, name), nodes(items));
    content.replaceChildren(h('h2', {}, 'Settings'),
      h('form', { class: 'settings', novalidate: true, onsubmit: (event) => void save(event) },
        section('Name', form.groups.name), section('Credentials', form.groups.credentials), section('Selective sync', form.groups.sync),
        section('Schedule', form.groups.schedule), section('State', form.groups.enable), problem,
        h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save settings'))),
      h('h2', {}, 'Danger zone'),
      h('button', { type: 'button', class: 'danger', onclick: () => void remove().catch((error) => announce(error instanceof Error ? error.message : String(error))) }, 'Delete source'));
  }

  await refresh();
  if (tab === 'settings') showSettings(await getSource(id));
}
