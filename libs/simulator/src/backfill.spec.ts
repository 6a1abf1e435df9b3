import type { TransactionEventV1 } from '@datashare/contract';
import { runBackfill, type BackfillProgress } from './backfill';
import { CallbackEventSink } from './event-sink';
import { generateEvents } from './generate-events';
import { createRng } from './random';
import { createTrafficModel } from './traffic-model';

const FROM = Date.parse('2026-11-23T00:00:00Z');
const TO = FROM + 2 * 24 * 3_600_000;
const model = createTrafficModel();
const range = () => ({ fromMs: FROM, toMs: TO, rng: createRng(4), scale: 0.05 });

describe('runBackfill', () => {
  it('sends exactly the generated events, in chunks, with rising progress ending at 1', async () => {
    const batches: (readonly TransactionEventV1[])[] = [];
    const progress: BackfillProgress[] = [];
    const result = await runBackfill(
      model,
      range(),
      new CallbackEventSink((batch) => {
        batches.push(batch);
      }),
      (p) => progress.push(p),
      { chunkSize: 1_000 },
    );
    const expected = [...generateEvents(model, range())];
    expect(expected.length).toBeGreaterThan(5_000);
    expect(batches.flat()).toEqual(expected);
    expect(batches.slice(0, -1).every((b) => b.length === 1_000)).toBe(true);
    expect(result).toEqual({ eventsSent: expected.length, completed: true });

    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[0]).toBeGreaterThan(0);
    expect(fractions[0]).toBeLessThan(0.5);
    expect(progress[progress.length - 1]).toEqual({ eventsSent: expected.length, fraction: 1 });
  });

  it('stops after the current chunk once aborted', async () => {
    const abort = new AbortController();
    let sent = 0;
    const sink = new CallbackEventSink((batch) => {
      sent += batch.length;
      abort.abort();
    });
    const result = await runBackfill(model, range(), sink, undefined, {
      chunkSize: 500,
      signal: abort.signal,
    });
    expect(result).toEqual({ eventsSent: 500, completed: false });
    expect(sent).toBe(500);
  });

  it('propagates a sink failure', async () => {
    const sink = new CallbackEventSink(() => Promise.reject(new Error('HTTP 503')));
    await expect(runBackfill(model, range(), sink)).rejects.toThrow('HTTP 503');
  });
});
