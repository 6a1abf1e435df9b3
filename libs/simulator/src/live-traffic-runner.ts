import type { TransactionEventV1 } from '@datashare/contract';
import type { EventSink } from './event-sink';
import { generateEvents } from './generate-events';
import type { Rng } from './random';
import type { TrafficModel } from './traffic-model';

/** Calls `task` every `intervalMs` until the returned function is called. */
export type Scheduler = (task: () => void, intervalMs: number) => () => void;

export const intervalScheduler: Scheduler = (task, intervalMs) => {
  const handle = setInterval(task, intervalMs);
  return () => clearInterval(handle);
};

export interface LiveTrafficRunnerOptions {
  model: TrafficModel;
  sink: EventSink;
  /** Now, in epoch ms. */
  clock: () => number;
  rng: Rng;
  scale?: number;
  idPrefix?: string;
  tickMs?: number;
  /** After a stall longer than this, the missed traffic is dropped rather than sent in a burst. */
  maxCatchUpMs?: number;
  scheduler?: Scheduler;
  onError?: (error: unknown) => void;
  onSent?: (events: readonly TransactionEventV1[]) => void;
}

/**
 * Generates, every tick, the traffic of the interval since the previous tick and sends it.
 * While a send is still in flight the tick is skipped and the next one covers the longer
 * interval, so a slow sink slows nothing down but never receives overlapping sends.
 */
export class LiveTrafficRunner {
  private lastMs: number | undefined;
  private inFlight: Promise<void> | undefined;
  private cancelTimer: (() => void) | undefined;
  private sentCount = 0;

  constructor(private readonly options: LiveTrafficRunnerOptions) {}

  get eventsSent(): number {
    return this.sentCount;
  }

  start(): void {
    if (this.cancelTimer !== undefined) return;
    this.lastMs = this.options.clock();
    const schedule = this.options.scheduler ?? intervalScheduler;
    this.cancelTimer = schedule(() => void this.tick(), this.options.tickMs ?? 1_000);
  }

  /** One tick; the scheduler calls it, and tests may call it directly. Never rejects. */
  tick(): Promise<void> {
    if (this.inFlight !== undefined || this.lastMs === undefined) return Promise.resolve();
    const nowMs = this.options.clock();
    const maxCatchUpMs = this.options.maxCatchUpMs ?? 60_000;
    const fromMs = Math.max(this.lastMs, nowMs - maxCatchUpMs);
    if (nowMs <= fromMs) return Promise.resolve();
    this.lastMs = nowMs;
    const events = [
      ...generateEvents(this.options.model, {
        fromMs,
        toMs: nowMs,
        rng: this.options.rng,
        ...(this.options.scale === undefined ? {} : { scale: this.options.scale }),
        ...(this.options.idPrefix === undefined ? {} : { idPrefix: this.options.idPrefix }),
      }),
    ];
    if (events.length === 0) return Promise.resolve();
    const sending = this.send(events).finally(() => {
      this.inFlight = undefined;
    });
    this.inFlight = sending;
    return sending;
  }

  /** Stops ticking and waits for the send in flight, if any. Does not close the sink. */
  async stop(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.lastMs = undefined;
    await this.inFlight;
  }

  private async send(events: readonly TransactionEventV1[]): Promise<void> {
    try {
      await this.options.sink.send(events);
      this.sentCount += events.length;
      this.options.onSent?.(events);
    } catch (error) {
      this.options.onError?.(error);
    }
  }
}
