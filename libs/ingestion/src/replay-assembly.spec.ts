import type { DecodeResult } from '@datashare/contract';
import type { RejectionOrigin } from './rejected-message';
import { ReplayAssembly, recordedBatchAt } from './replay-assembly';

const rejected: DecodeResult = {
  ok: false,
  rejection: { code: 'not_json', detail: 'the message is not valid JSON: x' },
};

const origin = (partition: number, offset: bigint): RejectionOrigin => ({
  source: 'kafka',
  topic: 't',
  partition,
  offset: offset.toString(),
});

const message = (partition: number, offset: bigint) => ({
  payload: Buffer.from(`${partition}:${offset}`),
  origin: origin(partition, offset),
  position: { partition, offset },
  nowMs: 1,
});

const recorded = {
  token: 't-0-10-12+4-100-101',
  spans: [
    { partition: 0, first: 10n, last: 12n },
    { partition: 4, first: 100n, last: 101n },
  ],
};

describe('ReplayAssembly', () => {
  it('is complete once every partition delivered its span to the last offset', () => {
    const assembly = new ReplayAssembly(recorded);
    for (const offset of [10n, 11n, 12n]) assembly.add(rejected, message(0, offset));
    expect([assembly.complete, assembly.waitingFor]).toEqual([false, [4]]);
    assembly.add(rejected, message(4, 100n));
    expect(assembly.complete).toBe(false);
    assembly.add(rejected, message(4, 101n));
    expect(assembly.complete).toBe(true);
    const sealed = assembly.seal();
    expect(sealed.spans).toEqual(recorded.spans);
    expect(sealed.replayed).toBe(true);
    expect(sealed.rejected.map((r) => r.origin)).toEqual([
      origin(0, 10n),
      origin(0, 11n),
      origin(0, 12n),
      origin(4, 100n),
      origin(4, 101n),
    ]);
  });

  it('ends a span at a later offset of its partition when its last ones are missing (a gap)', () => {
    const assembly = new ReplayAssembly(recorded);
    assembly.add(rejected, message(0, 10n));
    assembly.passed(0, 11n);
    expect(assembly.waitingFor).toEqual([0, 4]);
    assembly.passed(0, 15n);
    expect(assembly.waitingFor).toEqual([4]);
  });

  it('takes a message delivered twice once', () => {
    const assembly = new ReplayAssembly(recorded);
    assembly.add(rejected, message(0, 10n));
    assembly.add(rejected, message(0, 11n));
    assembly.add(rejected, message(0, 10n));
    assembly.add(rejected, message(0, 11n));
    expect(assembly.bytes).toBe(Buffer.byteLength('0:10') + Buffer.byteLength('0:11'));
  });

  it('refuses a message outside its spans', () => {
    const assembly = new ReplayAssembly(recorded);
    expect(() => assembly.add(rejected, message(0, 13n))).toThrow(
      'offset 13 of partition 0 is not in batch t-0-10-12+4-100-101',
    );
    expect(() => assembly.add(rejected, message(1, 10n))).toThrow('partition 1');
  });

  it('stops waiting for a partition whose span is gone from the topic', () => {
    const assembly = new ReplayAssembly(recorded);
    for (const offset of [10n, 11n, 12n]) assembly.add(rejected, message(0, offset));
    assembly.giveUpOn(4);
    expect(assembly.complete).toBe(true);
    expect(assembly.seal().spans).toEqual(recorded.spans);
  });
});

describe('recordedBatchAt', () => {
  const later = { token: 'later', spans: [{ partition: 0, first: 13n, last: 20n }] };
  it.each([
    [0, 10n, recorded.token],
    [0, 12n, recorded.token],
    [4, 101n, recorded.token],
    [0, 13n, 'later'],
    [0, 20n, 'later'],
  ])('finds partition %s offset %s in %s', (partition, offset, token) => {
    expect(recordedBatchAt([recorded, later], partition, offset)?.token).toBe(token);
  });

  it.each([
    [0, 9n],
    [0, 21n],
    [4, 99n],
    [4, 102n],
    [1, 10n],
  ])('finds nothing for partition %s offset %s', (partition, offset) => {
    expect(recordedBatchAt([recorded, later], partition, offset)).toBeUndefined();
  });
});
