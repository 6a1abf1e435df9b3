import { batchToken } from './batch-token';

describe('batchToken', () => {
  it('keeps the one-partition form of earlier versions', () => {
    expect(
      batchToken('datasharing.transactions.v1', [{ partition: 3, first: 10n, last: 19n }]),
    ).toBe('datasharing.transactions.v1-3-10-19');
  });

  it('names every partition by number, whatever order the spans come in', () => {
    const spans = [
      { partition: 11, first: 7n, last: 9n },
      { partition: 2, first: 100n, last: 180n },
    ];
    expect(batchToken('t', spans)).toBe('t-2-100-180+11-7-9');
    expect(batchToken('t', [...spans].reverse())).toBe('t-2-100-180+11-7-9');
  });

  it('writes 64-bit offsets exactly', () => {
    expect(
      batchToken('t', [{ partition: 0, first: 9_007_199_254_740_993n, last: 2n ** 63n - 1n }]),
    ).toBe('t-0-9007199254740993-9223372036854775807');
  });

  it('differs when any offset differs', () => {
    const base = batchToken('t', [{ partition: 0, first: 1n, last: 5n }]);
    expect(batchToken('t', [{ partition: 0, first: 1n, last: 6n }])).not.toBe(base);
    expect(batchToken('t', [{ partition: 1, first: 1n, last: 5n }])).not.toBe(base);
    expect(batchToken('u', [{ partition: 0, first: 1n, last: 5n }])).not.toBe(base);
  });

  it('refuses a batch without spans, which has no Kafka identity', () => {
    expect(() => batchToken('t', [])).toThrow('at least one partition span');
  });
});
