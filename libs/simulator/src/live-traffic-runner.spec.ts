import type { TransactionEventV1 } from '@datashare/contract';
import type { EventSink } from './event-sink';
import { LiveTrafficRunner, type Scheduler } from './live-traffic-runner';
import { createRng } from './random';
import { createTrafficModel } from './traffic-model';

// Wednesday 25 November 2026, 10:00 in Hanoi.
const START = Date.parse('2026-11-25T03:00:00Z');

/** A sink whose sends complete only when the test says so. */
class ControlledSink implements EventSink {
  readonly batches: (readonly TransactionEventV1[])[] = [];
  private pending: (() => void)[] = [];
  failNext = false;

  send(events: readonly TransactionEventV1[]): Promise<void> {
    this.batches.push(events);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('broker down'));
    }
    return new Promise((resolve) => this.pending.push(resolve));
  }

  completeAll(): void {
    for (const resolve of this.pending.splice(0)) resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function setup() {
  let now = START;
  const sink = new ControlledSink();
  const errors: unknown[] = [];
  let scheduled: { task: () => void; intervalMs: number; cancelled: boolean } | undefined;
  const scheduler: Scheduler = (task, intervalMs) => {
    const entry = { task, intervalMs, cancelled: false };
    scheduled = entry;
    return () => {
      entry.cancelled = true;
    };
  };
  const runner = new LiveTrafficRunner({
    model: createTrafficModel(),
    sink,
    clock: () => now,
    rng: createRng(1),
    idPrefix: 'SIM-1',
    scheduler,
    onError: (error) => errors.push(error),
  });
  return {
    runner,
    sink,
    errors,
    advance: (ms: number) => (now += ms),
    scheduled: () => scheduled,
  };
}

describe('LiveTrafficRunner', () => {
  it('sends, each tick, the events of the interval since the previous tick', async () => {
    const { runner, sink, advance, scheduled } = setup();
    runner.start();
    expect(scheduled()?.intervalMs).toBe(1_000);
    advance(5_000);
    const first = runner.tick();
    sink.completeAll();
    await first;
    advance(5_000);
    const second = runner.tick();
    sink.completeAll();
    await second;

    expect(sink.batches).toHaveLength(2);
    const [a, b] = sink.batches.map((batch) => batch.map((e) => Date.parse(e.occurredAt)));
    expect(Math.min(...(a ?? []))).toBeGreaterThanOrEqual(START);
    expect(Math.max(...(a ?? []))).toBeLessThan(START + 5_000);
    expect(Math.min(...(b ?? []))).toBeGreaterThanOrEqual(START + 5_000);
    expect(Math.max(...(b ?? []))).toBeLessThan(START + 10_000);
    // About 20 events/s at this hour, plus duplicates by party.
    expect(sink.batches.flat().length).toBeGreaterThan(120);
    expect(runner.eventsSent).toBe(sink.batches.flat().length);
  });

  it('skips ticks while a send is in flight and covers the gap on the next one', async () => {
    const { runner, sink, advance } = setup();
    runner.start();
    advance(3_000);
    const first = runner.tick();
    advance(3_000);
    await runner.tick(); // skipped: the first send has not completed
    expect(sink.batches).toHaveLength(1);
    sink.completeAll();
    await first;
    const next = runner.tick();
    sink.completeAll();
    await next;
    const times = sink.batches[1]?.map((e) => Date.parse(e.occurredAt)) ?? [];
    expect(Math.min(...times)).toBeGreaterThanOrEqual(START + 3_000);
    expect(Math.max(...times)).toBeLessThan(START + 6_000);
  });

  it('reports a failed send through onError and keeps going', async () => {
    const { runner, sink, errors, advance } = setup();
    runner.start();
    sink.failNext = true;
    advance(3_000);
    await runner.tick();
    expect(errors).toEqual([new Error('broker down')]);
    expect(runner.eventsSent).toBe(0);
    advance(3_000);
    const next = runner.tick();
    sink.completeAll();
    await next;
    expect(sink.batches).toHaveLength(2);
    expect(runner.eventsSent).toBe(sink.batches[1]?.length);
  });

  it('stop cancels the timer and waits for the send in flight', async () => {
    const { runner, sink, advance, scheduled } = setup();
    runner.start();
    advance(3_000);
    void runner.tick();
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    expect(scheduled()?.cancelled).toBe(true);
    sink.completeAll();
    await stopping;
    expect(stopped).toBe(true);
    advance(3_000);
    await runner.tick();
    expect(sink.batches).toHaveLength(1);
  });
});
