// Sources and runs as text for the terminal: a table for lists, key: value lines for one source.
import type { RunView, SourceView } from '../service/source-service.js';

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  return [header, ...rows].map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

const runRows = (run: RunView): number => run.collections.reduce((sum, c) => sum + c.rowsLoaded, 0);

export function formatSourceTable(sources: readonly SourceView[]): string {
  if (sources.length === 0) return 'No sources yet: add one with twilio-source sources add --name NAME --account-sid AC… --auth-token …\n';
  return table(
    ['ID', 'NAME', 'SCHEMA', 'STATE', 'SCHEDULE', 'LAST RUN'],
    sources.map((s) => [s.id, s.name, s.schema, s.enabled ? 'enabled' : 'disabled', s.schedule, s.lastRun ? `${s.lastRun.status} ${s.lastRun.startedAt}` : 'never']),
  );
}

export function formatSource(s: SourceView): string {
  const lines: [string, string][] = [
    ['id', s.id],
    ['name', s.name],
    ['labels', Object.entries(s.labels).map(([k, v]) => `${k}=${v}`).join(', ') || '—'],
    ['schema', s.schema],
    ['account', s.accountSid],
    ['credentials', s.credentialKind === 'api_key' ? `API key ${s.apiKey ?? ''}, secret ${s.secretMasked}` : `Auth Token ${s.secretMasked}`],
    ['accounts', s.includeSubaccounts ? 'main and all subaccounts' : s.subaccount ? `subaccount ${s.subaccount}` : 'main only'],
    ['start date', s.startDate ?? 'everything Twilio keeps'],
    ['collections', s.collections.join(', ')],
    ['schedule', s.schedule],
    ['warehouse', `${s.warehouse} (every ${s.warehouseSchedule})`],
    ['state', s.enabled ? 'enabled' : 'disabled'],
    ['next run', s.nextRunAt ?? '—'],
    ['last run', s.lastRun ? `${s.lastRun.status} ${s.lastRun.startedAt}, ${runRows(s.lastRun)} rows` : 'never'],
  ];
  return lines.map(([key, value]) => `${key.padEnd(12)} ${value}`).join('\n') + '\n';
}

export function formatRunTable(runs: readonly RunView[], names: ReadonlyMap<string, string>): string {
  if (runs.length === 0) return 'No runs yet.\n';
  const rows = runs.map((run) => [
    run.startedAt,
    names.get(run.sourceId) ?? run.sourceId,
    run.trigger,
    run.status,
    run.durationMs === null ? '—' : `${(run.durationMs / 1000).toFixed(1)}s`,
    String(runRows(run)),
    [run.error, ...run.collections.filter((c) => c.error).map((c) => `${c.name}: ${c.error ?? ''}`), ...run.notices.map((n) => `note: ${n}`)].filter(Boolean).join('; '),
  ]);
  return table(['STARTED', 'SOURCE', 'TRIGGER', 'STATUS', 'DURATION', 'ROWS', 'ERRORS AND NOTICES'], rows);
}
