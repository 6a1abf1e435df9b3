import { ReplayBoundaries } from './replay-boundaries';

describe('ReplayBoundaries', () => {
  const boundaries = new ReplayBoundaries([
    { firstOffset: '10', lastOffset: '19' },
    { firstOffset: '20', lastOffset: '20' },
    { firstOffset: '30', lastOffset: '39' },
  ]);

  it.each([
    [10n, 10n, 19n],
    [15n, 10n, 19n],
    [19n, 10n, 19n],
    [20n, 20n, 20n],
    [30n, 30n, 39n],
    [39n, 30n, 39n],
  ])('puts offset %s in the range %s..%s', (offset, first, last) => {
    expect(boundaries.rangeOf(offset)).toEqual({ first, last });
  });

  it.each([0n, 9n, 21n, 25n, 29n, 40n, 1000n])('finds no range for offset %s', (offset) => {
    expect(boundaries.rangeOf(offset)).toBeUndefined();
  });

  it('sorts ranges given out of order', () => {
    const unsorted = new ReplayBoundaries([
      { firstOffset: '30', lastOffset: '39' },
      { firstOffset: '100', lastOffset: '120' },
      { firstOffset: '9', lastOffset: '12' },
    ]);
    expect(unsorted.rangeOf(10n)).toEqual({ first: 9n, last: 12n });
    expect(unsorted.rangeOf(35n)).toEqual({ first: 30n, last: 39n });
    expect(unsorted.rangeOf(120n)).toEqual({ first: 100n, last: 120n });
  });

  it('compares offsets as numbers, not as text ("9" < "100")', () => {
    const mixed = new ReplayBoundaries([
      { firstOffset: '100', lastOffset: '199' },
      { firstOffset: '9', lastOffset: '99' },
    ]);
    expect(mixed.rangeOf(50n)).toEqual({ first: 9n, last: 99n });
  });

  it('with no ranges, finds none', () => {
    const none = new ReplayBoundaries([]);
    expect(none.rangeOf(0n)).toBeUndefined();
  });

  it('keeps 64-bit offsets beyond 2^53 exact', () => {
    // 2^53 + 1 and 2^53 + 3 are not representable as numbers; they round to their neighbours.
    const big = new ReplayBoundaries([
      { firstOffset: '9007199254740993', lastOffset: '9007199254740995' },
      { firstOffset: '9223372036854775000', lastOffset: '9223372036854775807' },
    ]);
    expect(big.rangeOf(9_007_199_254_740_992n)).toBeUndefined();
    expect(big.rangeOf(9_007_199_254_740_993n)).toEqual({
      first: 9_007_199_254_740_993n,
      last: 9_007_199_254_740_995n,
    });
    expect(big.rangeOf(9_007_199_254_740_996n)).toBeUndefined();
    expect(big.rangeOf(9_223_372_036_854_775_807n)).toEqual({
      first: 9_223_372_036_854_775_000n,
      last: 9_223_372_036_854_775_807n,
    });
  });
});
