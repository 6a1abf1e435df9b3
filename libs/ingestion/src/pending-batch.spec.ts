import type { DecodeResult, TransactionRecord } from '@datashare/contract';
import { PendingBatch, type SealedBatch } from './pending-batch';
import type { RejectionOrigin } from './rejected-message';

const record = (transactionId: string): TransactionRecord => ({
  transaction_id: transactionId,
  reported_by: 'platform',
  occurred_at: '2026-11-22 03:00:00.000',
  platform: 'xroad',
  consumer: 'tax',
  provider: 'registry',
  service: 'lookup',
  outcome: 'success',
  error_code: '',
  latency_ms: null,
  request_bytes: null,
  response_bytes: null,
  subject_ref: '',
});

const accepted = (transactionId: string, occurredAtMs: number): DecodeResult => ({
  ok: true,
  record: record(transactionId),
  occurredAtMs,
});

const rejected: DecodeResult = {
  ok: false,
  rejection: { code: 'not_json', detail: 'the message is not valid JSON: x' },
};

const kafka = (offset: string): RejectionOrigin => ({
  source: 'kafka',
  topic: 'datasharing.transactions.v1',
  partition: 3,
  offset,
});

/** The transaction ids of a sealed batch's rows, read back from their encoding. */
const transactionIdsOf = (sealed: SealedBatch): unknown[] =>
  sealed.rows
    .body()
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as unknown[])[0]);

const expectEmpty = (sealed: SealedBatch) => {
  expect(sealed.rows.count).toBe(0);
  expect(sealed.rows.body()).toHaveLength(0);
  expect([...sealed.outcomes]).toEqual([]);
  expect(sealed).toMatchObject({
    rejected: [],
    spans: [],
    newestOccurredAtMs: null,
    replayed: false,
  });
};

describe('PendingBatch', () => {
  it('starts empty', () => {
    const batch = new PendingBatch();
    expect([batch.rows, batch.bytes, batch.openedAtMs]).toEqual([0, 0, 0]);
    expectEmpty(batch.seal());
  });

  it('counts rows and bytes of accepted and rejected messages alike', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 10), {
      payload: Buffer.alloc(120),
      origin: kafka('5'),
      position: { partition: 3, offset: 5n },
      nowMs: 1000,
    });
    batch.add(rejected, {
      payload: Buffer.from('{bad'),
      origin: kafka('6'),
      position: { partition: 3, offset: 6n },
      nowMs: 1500,
    });
    batch.add(rejected, {
      payload: null,
      origin: kafka('7'),
      position: { partition: 3, offset: 7n },
      nowMs: 1700,
    });
    expect(batch.rows).toBe(3);
    expect(batch.bytes).toBe(124);
  });

  it('takes openedAtMs from the first message only', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 10), {
      payload: Buffer.alloc(1),
      origin: kafka('1'),
      position: { partition: 3, offset: 1n },
      nowMs: 1000,
    });
    batch.add(accepted('b', 10), {
      payload: Buffer.alloc(1),
      origin: kafka('2'),
      position: { partition: 3, offset: 2n },
      nowMs: 2000,
    });
    expect(batch.openedAtMs).toBe(1000);
  });

  it('keeps records and rejections apart, in order, with their origin and receipt time', () => {
    const batch = new PendingBatch();
    const payload = Buffer.from('{bad');
    batch.add(accepted('a', 10), {
      payload: Buffer.alloc(1),
      origin: kafka('5'),
      position: { partition: 3, offset: 5n },
      nowMs: 1000,
    });
    batch.add(rejected, {
      payload,
      origin: kafka('6'),
      position: { partition: 3, offset: 6n },
      nowMs: 1500,
    });
    batch.add(accepted('b', 30), {
      payload: Buffer.alloc(1),
      origin: kafka('7'),
      position: { partition: 3, offset: 7n },
      nowMs: 1600,
    });
    const sealed = batch.seal();
    expect(transactionIdsOf(sealed)).toEqual(['a', 'b']);
    expect(sealed.rows.count).toBe(2);
    // The rejected message counts for no connection.
    expect([...sealed.outcomes]).toEqual([
      { platform: 'xroad', consumer: 'tax', provider: 'registry', success: 2, failure: 0 },
    ]);
    expect(sealed.rejected).toEqual([
      {
        origin: kafka('6'),
        rejection: { code: 'not_json', detail: 'the message is not valid JSON: x' },
        payload,
        receivedAtMs: 1500,
      },
    ]);
  });

  it('spans the first and last offsets it was given', () => {
    const batch = new PendingBatch();
    for (const offset of [41n, 42n, 45n]) {
      batch.add(rejected, {
        payload: null,
        origin: kafka(String(offset)),
        position: { partition: 3, offset },
        nowMs: 1,
      });
    }
    expect(batch.seal().spans).toEqual([{ partition: 3, first: 41n, last: 45n }]);
  });

  it('spans a single message as first = last', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 1), {
      payload: null,
      origin: kafka('9'),
      position: { partition: 3, offset: 9n },
      nowMs: 1,
    });
    expect(batch.seal().spans).toEqual([{ partition: 3, first: 9n, last: 9n }]);
  });

  it('has no span for HTTP items, which carry no offset', () => {
    const batch = new PendingBatch();
    const origin: RejectionOrigin = { source: 'http', requestId: 'req-1', itemIndex: 0 };
    batch.add(accepted('a', 1), { payload: Buffer.alloc(3), origin, nowMs: 1 });
    expect(batch.seal().spans).toEqual([]);
  });

  it('keeps offsets beyond 2^53 exactly', () => {
    const batch = new PendingBatch();
    const first = 9_007_199_254_740_993n;
    batch.add(rejected, {
      payload: null,
      origin: kafka(String(first)),
      position: { partition: 3, offset: first },
      nowMs: 1,
    });
    batch.add(rejected, {
      payload: null,
      origin: kafka('x'),
      position: { partition: 3, offset: first + 2n },
      nowMs: 1,
    });
    expect(batch.seal().spans).toEqual([{ partition: 3, first, last: 9_007_199_254_740_995n }]);
  });

  it('spans each partition it holds, by partition', () => {
    const batch = new PendingBatch();
    const at = (partition: number, offset: bigint) => ({
      payload: null,
      origin: kafka(String(offset)),
      position: { partition, offset },
      nowMs: 1,
    });
    batch.add(rejected, at(7, 100n));
    batch.add(rejected, at(2, 5n));
    batch.add(rejected, at(7, 101n));
    batch.add(rejected, at(2, 9n));
    expect([batch.holds(2), batch.holds(3), batch.lastOffsetOf(7), batch.lastOffsetOf(3)]).toEqual([
      true,
      false,
      101n,
      null,
    ]);
    expect(batch.seal().spans).toEqual([
      { partition: 2, first: 5n, last: 9n },
      { partition: 7, first: 100n, last: 101n },
    ]);
  });

  it('takes the spans it was recorded with when sealed as a replay, whatever arrived', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 1), {
      payload: null,
      origin: kafka('150'),
      position: { partition: 3, offset: 150n },
      nowMs: 1,
    });
    const recorded = [
      { partition: 4, first: 10n, last: 12n },
      { partition: 3, first: 100n, last: 200n },
    ];
    const sealed = batch.seal(recorded);
    expect(sealed.spans).toEqual([
      { partition: 3, first: 100n, last: 200n },
      { partition: 4, first: 10n, last: 12n },
    ]);
    expect(sealed.replayed).toBe(true);
  });

  it('tracks the newest occurredAt among accepted records only', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 2000), {
      payload: null,
      origin: kafka('1'),
      position: { partition: 3, offset: 1n },
      nowMs: 1,
    });
    batch.add(accepted('b', 5000), {
      payload: null,
      origin: kafka('2'),
      position: { partition: 3, offset: 2n },
      nowMs: 1,
    });
    batch.add(accepted('c', 3000), {
      payload: null,
      origin: kafka('3'),
      position: { partition: 3, offset: 3n },
      nowMs: 1,
    });
    batch.add(rejected, {
      payload: null,
      origin: kafka('4'),
      position: { partition: 3, offset: 4n },
      nowMs: 9999,
    });
    expect(batch.seal().newestOccurredAtMs).toBe(5000);
  });

  it('has no newest occurredAt when every message was rejected', () => {
    const batch = new PendingBatch();
    batch.add(rejected, {
      payload: null,
      origin: kafka('4'),
      position: { partition: 3, offset: 4n },
      nowMs: 9999,
    });
    expect(batch.seal().newestOccurredAtMs).toBeNull();
  });

  it('tracks a newest occurredAt of 0 and negative instants', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', -5000), {
      payload: null,
      origin: kafka('1'),
      position: { partition: 3, offset: 1n },
      nowMs: 1,
    });
    expect(batch.seal().newestOccurredAtMs).toBe(-5000);
  });

  it('is empty again after seal, and the next batch starts afresh', () => {
    const batch = new PendingBatch();
    batch.add(accepted('a', 50), {
      payload: Buffer.alloc(10),
      origin: kafka('1'),
      position: { partition: 3, offset: 1n },
      nowMs: 1000,
    });
    batch.add(rejected, {
      payload: Buffer.alloc(5),
      origin: kafka('2'),
      position: { partition: 3, offset: 2n },
      nowMs: 1100,
    });
    const first = batch.seal();
    expect([batch.rows, batch.bytes, batch.openedAtMs]).toEqual([0, 0, 0]);
    expectEmpty(batch.seal());

    batch.add(accepted('b', 20), {
      payload: Buffer.alloc(3),
      origin: kafka('3'),
      position: { partition: 3, offset: 3n },
      nowMs: 2000,
    });
    expect([batch.rows, batch.bytes, batch.openedAtMs]).toEqual([1, 3, 2000]);
    const second = batch.seal();
    expect(transactionIdsOf(second)).toEqual(['b']);
    expect(second.rejected).toEqual([]);
    expect(second.spans).toEqual([{ partition: 3, first: 3n, last: 3n }]);
    expect(second.newestOccurredAtMs).toBe(20);
    // The first sealed batch is not changed by what came after.
    expect(transactionIdsOf(first)).toEqual(['a']);
    expect(first.rejected).toHaveLength(1);
    expect(first.spans).toEqual([{ partition: 3, first: 1n, last: 2n }]);
  });
});
