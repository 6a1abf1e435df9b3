import type { TransactionEventV1 } from '@datashare/contract';
import type { EventSink } from './event-sink';
import { generateEvents, type GenerateOptions } from './generate-events';
import type { TrafficModel } from './traffic-model';

export interface BackfillProgress {
  eventsSent: number;
  /** Share of the time range generated and sent so far, in [0, 1]. */
  fraction: number;
}

export interface BackfillControl {
  /** Events per `sink.send` call. */
  chunkSize?: number;
  /** Aborting stops the backfill after the chunk being sent. */
  signal?: AbortSignal;
}

export interface BackfillResult {
  eventsSent: number;
  /** False when the signal aborted the run before the end of the range. */
  completed: boolean;
}

export const DEFAULT_BACKFILL_CHUNK = 5_000;

/** Generates the traffic of a past range and sends it chunk by chunk, reporting progress. */
export async function runBackfill(
  model: TrafficModel,
  range: GenerateOptions,
  sink: EventSink,
  onProgress: (progress: BackfillProgress) => void = () => undefined,
  control: BackfillControl = {},
): Promise<BackfillResult> {
  const chunkSize = Math.max(1, control.chunkSize ?? DEFAULT_BACKFILL_CHUNK);
  const spanMs = range.toMs - range.fromMs;
  let eventsSent = 0;
  let chunk: TransactionEventV1[] = [];

  const flush = async (): Promise<void> => {
    const last = chunk[chunk.length - 1];
    if (last === undefined) return;
    await sink.send(chunk);
    eventsSent += chunk.length;
    chunk = [];
    const doneMs = Date.parse(last.occurredAt) + 1 - range.fromMs;
    onProgress({ eventsSent, fraction: Math.min(1, Math.max(0, doneMs / spanMs)) });
  };

  for (const event of generateEvents(model, range)) {
    chunk.push(event);
    if (chunk.length >= chunkSize) {
      await flush();
      if (control.signal?.aborted === true) return { eventsSent, completed: false };
    }
  }
  await flush();
  onProgress({ eventsSent, fraction: 1 });
  return { eventsSent, completed: true };
}
