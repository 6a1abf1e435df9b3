import fc from 'fast-check';
import { classifyConnection } from './classify-connection';
import { severity } from './connection-state';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './thresholds';
import type { BaselineFigures, WindowFigures } from './window-figures';

const MIN = 60_000;
const NOW = Date.parse('2026-11-18T10:00:00+07:00');
const defaults = DEFAULT_HEALTH_THRESHOLDS;

/** About 340 per 5 min at this hour: traffic is expected. */
const BUSY: BaselineFigures = {
  sameWindowLastWeek: 352,
  sameWindowTrailingDays: [340, 338, 345, 331, 350, 339, 352],
};
/** About 1 per 5 min: a province at night. */
const QUIET: BaselineFigures = {
  sameWindowLastWeek: 1,
  sameWindowTrailingDays: [1, 0, 2, 1, 1, 0, 3],
};
/** Three days old: whether traffic is expected is not known yet. */
const YOUNG: BaselineFigures = {
  sameWindowLastWeek: null,
  sameWindowTrailingDays: [12, 10, 11, null, null, null, null],
};

function figures(overrides: Partial<WindowFigures> = {}): WindowFigures {
  return {
    windowMs: 5 * MIN,
    transactions: 480,
    failures: 4,
    p95LatencyMs: 210,
    lastSeenMs: NOW - 2_000,
    lastSuccessMs: NOW - 2_000,
    baseline: BUSY,
    ...overrides,
  };
}

/** No transaction in the window; the last success `minutesAgo` before now. */
const silentFor = (minutesAgo: number | null, baseline = BUSY): Partial<WindowFigures> => ({
  transactions: 0,
  failures: 0,
  p95LatencyMs: null,
  lastSeenMs: minutesAgo === null ? null : NOW - minutesAgo * MIN,
  lastSuccessMs: minutesAgo === null ? null : NOW - minutesAgo * MIN,
  baseline,
});

const classify = (overrides: Partial<WindowFigures>, thresholds: HealthThresholds = defaults) =>
  classifyConnection(figures(overrides), thresholds, NOW);

describe('classifyConnection', () => {
  describe('healthy', () => {
    it('within every threshold, with the figures in the reason', () => {
      expect(classify({})).toMatchObject({
        state: 'healthy',
        rule: 'within-thresholds',
        reason: 'success ratio 99.1% over 480 transactions in the last 5 min, p95 latency 210 ms',
      });
    });

    it('says so when no latency was reported', () => {
      expect(classify({ p95LatencyMs: null }).reason).toBe(
        'success ratio 99.1% over 480 transactions in the last 5 min, no latency reported',
      );
    });

    it('returns the derived figures with the window figures', () => {
      const { figures: f } = classify({ lastSuccessMs: NOW + 5_000 });
      expect(f.transactions).toBe(480);
      expect(f.successRatio).toBeCloseTo(476 / 480, 12);
      expect(f.sinceLastSuccessMs).toBe(0); // a success "in the future" (clock skew) is now
      expect(f.expectation).toMatchObject({ status: 'expected', expectedTransactions: 340 });
    });
  });

  describe('down: silence while traffic is expected', () => {
    it('names the silence and the expected traffic behind it', () => {
      expect(classify(silentFor(12))).toMatchObject({
        state: 'down',
        rule: 'silence',
        reason:
          'no successful transaction for 12 min (limit 10 min) while about 340 were expected in ' +
          'this 5 min window (same window last week: 352; median of the trailing 7 days: 340)',
      });
    });

    it('is inclusive at exactly silenceMs, and a minute less is only a gap', () => {
      expect(classify(silentFor(10)).state).toBe('down');
      const gap = classify({ ...silentFor(10), lastSuccessMs: NOW - 10 * MIN + 1 });
      expect(gap).toMatchObject({
        state: 'healthy',
        rule: 'gap-under-silence',
        reason:
          'no transactions in the last 5 min; last success 9 min ago, under the 10 min silence limit',
      });
    });

    it('counts no success in the look-back as silence', () => {
      expect(classify(silentFor(null))).toMatchObject({ state: 'down', rule: 'silence' });
      expect(classify(silentFor(null)).reason).toMatch(
        /^no successful transaction for at least 10 min \(limit 10 min\) while about 340/,
      );
    });

    it('mentions failing traffic, or a later failure, behind the silence', () => {
      const failing = classify({
        transactions: 15,
        failures: 15,
        lastSeenMs: NOW - 5_000,
        lastSuccessMs: NOW - 11 * MIN,
      });
      expect(failing.rule).toBe('silence'); // although 15 is under minVolume
      expect(failing.reason).toMatch(/; 15 transactions in the last 5 min, 15 failed$/);
      const laterFailure = classify({ ...silentFor(12), lastSeenMs: NOW - 6 * MIN });
      expect(laterFailure.reason).toMatch(/; last transaction \(a failure\) 6 min ago$/);
    });

    it('follows the connection’s own silence limit', () => {
      expect(classify(silentFor(6), { ...defaults, silenceMs: 5 * MIN }).state).toBe('down');
    });
  });

  describe('down: success ratio under the floor', () => {
    it('names the ratio, the floor and the volume', () => {
      expect(classify({ transactions: 500, failures: 294 })).toMatchObject({
        state: 'down',
        rule: 'success-ratio-floor',
        reason: 'success ratio 41.2% under the 50% floor over 500 transactions in the last 5 min',
      });
    });

    it('is strict at the floor: exactly 50% is degraded, just under is down', () => {
      expect(classify({ transactions: 500, failures: 250 })).toMatchObject({
        state: 'degraded',
        reason: 'success ratio 50.0% under the 95% target over 500 transactions in the last 5 min',
      });
      expect(classify({ transactions: 500, failures: 251 }).state).toBe('down');
    });

    it('needs minVolume transactions (inclusive)', () => {
      const tooFew = classify({ transactions: 49, failures: 49, lastSuccessMs: NOW - MIN });
      expect(tooFew).toMatchObject({
        state: 'healthy',
        rule: 'too-few-to-judge',
        reason:
          '49 transactions in the last 5 min, too few to judge (minimum 50); last success 1 min ago',
      });
      expect(classify({ transactions: 50, failures: 26 }).state).toBe('down');
    });
  });

  describe('degraded', () => {
    it('success ratio under the target, strictly', () => {
      expect(classify({ transactions: 500, failures: 25 }).state).toBe('healthy'); // exactly 95%
      expect(classify({ transactions: 500, failures: 26 })).toMatchObject({
        state: 'degraded',
        rule: 'success-ratio-target',
        reason: 'success ratio 94.8% under the 95% target over 500 transactions in the last 5 min',
      });
    });

    it('p95 latency over the limit, strictly', () => {
      expect(classify({ p95LatencyMs: 3_000 }).state).toBe('healthy');
      expect(classify({ p95LatencyMs: 3_001 }).state).toBe('degraded');
      expect(classify({ p95LatencyMs: 4_210 })).toMatchObject({
        state: 'degraded',
        rule: 'p95-latency',
        reason: 'p95 latency 4,210 ms over the 3,000 ms limit (480 transactions in the last 5 min)',
      });
    });

    it('ignores the latency of too few transactions (their p95 is just the slowest call)', () => {
      expect(classify({ transactions: 49, failures: 0, p95LatencyMs: 9_000 }).rule).toBe(
        'too-few-to-judge',
      );
    });

    it('follows stricter thresholds', () => {
      const strict = { ...defaults, targetSuccessRatio: 0.995, p95LatencyMs: 200 };
      expect(classify({}, strict).reason).toBe(
        'success ratio 99.1% under the 99.5% target over 480 transactions in the last 5 min',
      );
      expect(classify({ failures: 0 }, strict).rule).toBe('p95-latency');
    });
  });

  describe('precedence', () => {
    it('silence before the ratio floor', () => {
      const both = classify({ transactions: 400, failures: 400, lastSuccessMs: null });
      expect(both).toMatchObject({ state: 'down', rule: 'silence' });
    });

    it('the ratio floor before the target and latency', () => {
      expect(classify({ transactions: 500, failures: 294, p95LatencyMs: 9_000 }).rule).toBe(
        'success-ratio-floor',
      );
    });

    it('the ratio target before latency', () => {
      expect(classify({ transactions: 500, failures: 26, p95LatencyMs: 9_000 }).rule).toBe(
        'success-ratio-target',
      );
    });

    it('silence is down only when traffic is expected', () => {
      expect(classify(silentFor(180, QUIET)).state).toBe('idle');
      expect(classify(silentFor(180, YOUNG)).state).toBe('unknown');
    });
  });

  describe('idle', () => {
    it('no traffic and none expected', () => {
      expect(classify(silentFor(180, QUIET))).toMatchObject({
        state: 'idle',
        rule: 'no-traffic-none-expected',
        reason:
          'no transactions in the last 5 min and none expected: about 1 was expected in this 5 min ' +
          'window (same window last week: 1; median of the trailing 7 days: 1), under the 5 that ' +
          'make traffic expected',
      });
    });

    it('only without traffic: one call at night is healthy, too few to judge', () => {
      const oneCall = classify({
        transactions: 1,
        failures: 0,
        lastSuccessMs: NOW - MIN,
        baseline: QUIET,
      });
      expect(oneCall).toMatchObject({ state: 'healthy', rule: 'too-few-to-judge' });
    });

    it('only when none is expected: a short gap in busy hours is healthy', () => {
      expect(classify(silentFor(6)).rule).toBe('gap-under-silence');
    });

    it('a few failing night calls stay healthy, too few to judge, with the reason', () => {
      const failing = classify({
        transactions: 3,
        failures: 3,
        lastSuccessMs: NOW - 40 * MIN,
        baseline: QUIET,
      });
      expect(failing).toMatchObject({ state: 'healthy', rule: 'too-few-to-judge' });
      expect(failing.reason).toMatch(
        /^no successful transaction for 40 min over 3 transactions in the last 5 min, too few to judge \(minimum 50\), and traffic is not expected at this time: about 1 was expected/,
      );
    });
  });

  describe('unknown', () => {
    it('no traffic and too little history to know whether some is expected', () => {
      expect(classify(silentFor(30, YOUNG))).toMatchObject({
        state: 'unknown',
        rule: 'insufficient-history',
        reason:
          'no transactions in the last 5 min, and with 3 of the 7 days of history needed it is not ' +
          'yet known whether traffic is expected',
      });
    });

    it('too few failing calls and too little history', () => {
      const failing = classify({
        transactions: 5,
        failures: 5,
        lastSuccessMs: NOW - 15 * MIN,
        baseline: YOUNG,
      });
      expect(failing).toMatchObject({ state: 'unknown', rule: 'insufficient-history' });
    });

    it('not when the traffic itself tells: ratio and latency need no history', () => {
      expect(classify({ baseline: YOUNG }).state).toBe('healthy');
      expect(classify({ baseline: YOUNG, transactions: 500, failures: 294 }).state).toBe('down');
      expect(classify({ baseline: YOUNG, p95LatencyMs: 5_000 }).state).toBe('degraded');
    });
  });

  describe('properties', () => {
    const count = fc.integer({ min: 0, max: 2_000 });
    const sample = fc.option(fc.integer({ min: 0, max: 500 }), { nil: null, freq: 4 });
    const arbitraryFigures = fc
      .record({
        transactions: count,
        failureShare: fc.double({ min: 0, max: 1, noNaN: true }),
        p95LatencyMs: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
        lastSuccessAgo: fc.option(fc.integer({ min: -30_000, max: 3 * 3_600_000 }), { nil: null }),
        baseline: fc.record({
          sameWindowLastWeek: sample,
          sameWindowTrailingDays: fc.array(sample, { maxLength: 8 }),
        }),
      })
      .map((r): WindowFigures => ({
        windowMs: 5 * MIN,
        transactions: r.transactions,
        failures: Math.round(r.transactions * r.failureShare),
        p95LatencyMs: r.p95LatencyMs,
        lastSeenMs: r.lastSuccessAgo === null ? null : NOW - r.lastSuccessAgo,
        lastSuccessMs: r.lastSuccessAgo === null ? null : NOW - r.lastSuccessAgo,
        baseline: r.baseline,
      }));

    it('idle only without traffic and with none expected; unknown only without history', () => {
      fc.assert(
        fc.property(arbitraryFigures, (f) => {
          const c = classifyConnection(f, defaults, NOW);
          if (c.state === 'idle') {
            expect(f.transactions).toBe(0);
            expect(c.figures.expectation.status).toBe('not-expected');
          }
          if (c.state === 'unknown') expect(c.figures.expectation.status).toBe('unknown');
          if (c.rule === 'silence') expect(c.figures.expectation.status).toBe('expected');
          if (c.rule !== 'silence' && c.state !== 'healthy' && c.state !== 'idle') {
            if (c.state !== 'unknown')
              expect(f.transactions).toBeGreaterThanOrEqual(defaults.minVolume);
          }
        }),
      );
    });

    it('more failures never make a connection look better', () => {
      fc.assert(
        fc.property(arbitraryFigures, fc.nat(), (f, extra) => {
          const more = { ...f, failures: Math.min(f.transactions, f.failures + extra) };
          const before = classifyConnection(f, defaults, NOW).state;
          const after = classifyConnection(more, defaults, NOW).state;
          expect(severity(after)).toBeGreaterThanOrEqual(severity(before));
        }),
      );
    });

    it('always gives a reason with real numbers', () => {
      fc.assert(
        fc.property(arbitraryFigures, (f) => {
          const { reason } = classifyConnection(f, defaults, NOW);
          expect(reason.length).toBeGreaterThan(10);
          expect(reason).not.toMatch(/NaN|undefined|Infinity|null/);
        }),
      );
    });
  });
});
