// Views of stored records as the faces show them: never a secret, only its masked hint.
import type { RunRecord, SourceRecord } from '../control/store-records.js';
import type { RunTrigger, RunView, SourceView } from './source-service.js';
import { secretMasked } from './source-fields.js';

export function toSourceView(record: SourceRecord, lastRun: RunRecord | null, nextRunAt: Date | null): SourceView {
  return {
    id: record.id,
    name: record.name,
    labels: record.labels,
    schema: record.schema,
    accountSid: record.accountSid,
    credentialKind: record.credentialKind,
    apiKey: record.apiKey,
    secretMasked: secretMasked(record.secretHint),
    subaccount: record.subaccount,
    includeSubaccounts: record.includeSubaccounts,
    startDate: record.startDate,
    collections: record.collections,
    schedule: record.schedule,
    warehouse: record.warehouse,
    warehouseSchedule: record.warehouseSchedule,
    enabled: record.enabled,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    nextRunAt: nextRunAt?.toISOString() ?? null,
    lastRun: lastRun ? toRunView(lastRun) : null,
  };
}

export function toRunView(run: RunRecord): RunView {
  return {
    id: run.id,
    sourceId: run.sourceId,
    trigger: run.trigger as RunTrigger,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.finishedAt === null ? null : Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    collections: run.collections,
    notices: run.notices,
    error: run.error,
  };
}
