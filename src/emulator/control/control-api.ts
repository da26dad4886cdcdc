// The control API on /_emulator/… (paths Twilio does not use): reset the data, move the clock, read the truth, switch faults and latency.
import { z } from 'zod';
import type { EmulatedData } from '../data/emulated-data.js';
import { faultSettingsSchema, latencySettingsSchema, type LatencySettings } from '../emulator-options.js';
import type { FaultInjector } from '../load/fault-injector.js';
import { credentialsOf } from '../running-emulator.js';

/** The emulator's mutable state, shared by the API and the control API. */
export interface EmulatorState {
  data: EmulatedData;
  /** Bumped on reset so PageTokens from earlier data no longer verify. */
  generation: number;
  latency: LatencySettings;
  readonly faults: FaultInjector;
  /** Builds new data from the reset body (dataset options); throws on invalid options. */
  readonly createData: (options: unknown) => EmulatedData;
}

export interface ControlResult {
  readonly status: number;
  readonly body: unknown;
}

/** Thrown for a control request that cannot be served; the message is the one line the caller sees. */
export class ControlRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ControlRequestError';
  }
}

const advanceSchema = z.union([
  z.strictObject({ seconds: z.number().positive() }),
  z.strictObject({ days: z.number().positive() }),
]);

export function handleControl(state: EmulatorState, method: string, name: string, body: unknown): ControlResult {
  const route = `${method} ${name}`;
  switch (route) {
    case 'POST reset': {
      state.data = createOrExplain(state, body);
      state.generation += 1;
      return ok({ now: state.data.now().toISOString(), accounts: credentialsOf(state.data.accounts()) });
    }
    case 'POST advance': {
      const step = parse(advanceSchema, body, 'advance takes {"seconds": n} or {"days": n}');
      return ok(state.data.advance('seconds' in step ? step.seconds * 1000 : step.days * 86_400_000));
    }
    case 'GET truth':
      return ok(state.data.truth());
    case 'GET accounts':
      return ok(credentialsOf(state.data.accounts()));
    case 'GET faults':
      return ok(state.faults.settings);
    case 'POST faults':
      state.faults.settings = parse(faultSettingsSchema, body, 'faults takes {"seed", "rate", "kinds"}');
      return ok(state.faults.settings);
    case 'GET latency':
      return ok(state.latency);
    case 'POST latency':
      state.latency = parse(latencySettingsSchema, body, 'latency takes {"fixedMs", "perRecordMs"}');
      return ok(state.latency);
    default:
      throw new ControlRequestError(404, `No control route ${method} /_emulator/${name}`);
  }
}

function ok(body: unknown): ControlResult {
  return { status: 200, body };
}

function createOrExplain(state: EmulatorState, body: unknown): EmulatedData {
  try {
    return state.createData(body ?? {});
  } catch (error) {
    throw new ControlRequestError(400, `Invalid dataset options: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown, usage: string): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ControlRequestError(400, `${usage}: ${z.prettifyError(result.error).replace(/\n/g, '; ')}`);
  return result.data;
}
