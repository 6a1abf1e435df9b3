import fc from 'fast-check';
import { expectedTraffic, median, type TrafficExpectation } from './expected-traffic';
import { DEFAULT_HEALTH_THRESHOLDS } from './thresholds';
import type { BaselineFigures } from './window-figures';

const thresholds = DEFAULT_HEALTH_THRESHOLDS; // expectedMinTransactions 5, minHistoryDays 7

const baseline = (
  sameWindowLastWeek: number | null,
  sameWindowTrailingDays: (number | null)[],
): BaselineFigures => ({ sameWindowLastWeek, sameWindowTrailingDays });

function known(expectation: TrafficExpectation) {
  if (expectation.status === 'unknown') throw new Error('expected a known expectation');
  return expectation;
}

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[0, 0, 300, 300, 300], 300],
  ])('of %j is %p', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('expectedTraffic', () => {
  it('is the lower of last week and the trailing median', () => {
    const result = known(
      expectedTraffic(baseline(352, [340, 338, 345, 0, 350, 341, 352]), thresholds),
    );
    expect(result).toEqual({
      status: 'expected',
      expectedTransactions: 341,
      sameWindowLastWeek: 352,
      trailingMedian: 341,
      trailingDaysKnown: 7,
      historyDays: 7,
    });
  });

  it('ignores one odd day in the trailing days (an outage or a holiday yesterday)', () => {
    expect(
      known(expectedTraffic(baseline(300, [0, 300, 300, 300, 300, 300, 300]), thresholds)),
    ).toMatchObject({ status: 'expected', expectedTransactions: 300 });
  });

  it('keeps a quiet Sunday quiet although most trailing days were busy weekdays', () => {
    // Sunday 10:00: yesterday Saturday and last Sunday were quiet, Monday to Friday busy.
    const sunday = baseline(2, [3, 250, 260, 255, 240, 270, 2]);
    expect(known(expectedTraffic(sunday, thresholds))).toMatchObject({
      status: 'not-expected',
      expectedTransactions: 2,
      trailingMedian: 250,
    });
  });

  it('has expectedMinTransactions as an inclusive boundary', () => {
    const at = (count: number) =>
      expectedTraffic(baseline(count, Array<number>(7).fill(count)), thresholds).status;
    expect(at(5)).toBe('expected');
    expect(at(4.9)).toBe('not-expected');
    expect(at(0)).toBe('not-expected');
  });

  it('is unknown until the history reaches minHistoryDays, counting last week as day 7', () => {
    const young = baseline(null, [10, 12, 11, null, null, null, null]);
    expect(expectedTraffic(young, thresholds)).toEqual({
      status: 'unknown',
      historyDays: 3,
      requiredDays: 7,
    });
    // The same history is enough when only 3 days are required; the median stands alone.
    expect(known(expectedTraffic(young, { ...thresholds, minHistoryDays: 3 }))).toMatchObject({
      status: 'expected',
      expectedTransactions: 11,
      sameWindowLastWeek: null,
      historyDays: 3,
    });
    // Last week known means a week of history even if the evaluator sends fewer trailing days.
    expect(known(expectedTraffic(baseline(8, [9, 7]), thresholds))).toMatchObject({
      status: 'expected',
      expectedTransactions: 8,
      historyDays: 7,
    });
  });

  it('is unknown without any sample, whatever the requirement', () => {
    expect(expectedTraffic(baseline(null, []), { ...thresholds, minHistoryDays: 1 }).status).toBe(
      'unknown',
    );
    expect(
      expectedTraffic(baseline(null, [null, null]), { ...thresholds, minHistoryDays: 1 }).status,
    ).toBe('unknown');
  });

  it('uses last week alone when no trailing day is given', () => {
    expect(known(expectedTraffic(baseline(6, []), thresholds))).toMatchObject({
      status: 'expected',
      expectedTransactions: 6,
      trailingMedian: null,
    });
  });

  const count = fc.integer({ min: 0, max: 10_000 });
  const fullBaseline = fc.record({
    sameWindowLastWeek: count,
    sameWindowTrailingDays: fc.array(count, { minLength: 1, maxLength: 14 }),
  });

  it('never expects more than either source says', () => {
    fc.assert(
      fc.property(fullBaseline, (b) => {
        const result = known(expectedTraffic(b, thresholds));
        expect(result.expectedTransactions).toBeLessThanOrEqual(b.sameWindowLastWeek);
        expect(result.expectedTransactions).toBeLessThanOrEqual(
          median(b.sameWindowTrailingDays) ?? Infinity,
        );
      }),
    );
  });

  it('does not stop expecting traffic when a sample grows', () => {
    fc.assert(
      fc.property(fullBaseline, fc.nat(), count, (b, which, extra) => {
        const before = expectedTraffic(b, thresholds).status;
        const index = which % (b.sameWindowTrailingDays.length + 1);
        const grown =
          index === b.sameWindowTrailingDays.length
            ? { ...b, sameWindowLastWeek: b.sameWindowLastWeek + extra }
            : {
                ...b,
                sameWindowTrailingDays: b.sameWindowTrailingDays.map((c, i) =>
                  i === index ? c + extra : c,
                ),
              };
        if (before === 'expected')
          expect(expectedTraffic(grown, thresholds).status).toBe('expected');
      }),
    );
  });
});
