// What the scheduler needs of the service: the sources' schedules and last runs, and a way to start runs.

export interface ScheduledSource {
  readonly id: string;
  readonly enabled: boolean;
  readonly schedule: string;
  readonly warehouseSchedule: string;
  readonly createdAt: Date;
  /** When its latest run started (any trigger), from the store: what survives a restart. */
  readonly lastRunStartedAt: Date | null;
}

export interface StartedRun {
  /** Settles when the run ends; never rejects. */
  readonly done: Promise<unknown>;
}

export interface SchedulerHost {
  scheduledSources(): Promise<readonly ScheduledSource[]>;
  /** Starts a source run; resolves once started with a promise of its end, or null when the source is busy or disabled. */
  startScheduledRun(id: string, trigger: 'schedule' | 'catch-up'): Promise<StartedRun | null>;
  /** Starts a warehouse run of the source's pending batches; null when the source is busy or disabled. */
  startWarehouseRun(id: string): Promise<StartedRun | null>;
  isBusy(id: string): boolean;
  /** Called when a run ends or a source changes, so the scheduler looks again. Returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}
