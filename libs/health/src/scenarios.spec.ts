import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './thresholds';
import { minuteSeries, type TrafficIncident, type TrafficProfile } from './testing/minute-traffic';
import { runEvaluations, type EvaluationRun } from './testing/run-evaluations';
import { indexMinutes } from './testing/window-figures-from-minutes';

// Scenarios on generated traffic, through the same path the evaluator takes (window figures
// from minute rollups → classifyConnection → advanceTracker), evaluating every 30 s.
// Wednesday 18 November 2026, Vietnam time (UTC+7), with nine days of history.
const local = (date: string) => (time: string) => Date.parse(`2026-11-${date}T${time}+07:00`);
const at = local('18');
const HISTORY_FROM = Date.parse('2026-11-09T00:00:00+07:00');

/** A provincial portal calling the population database: about 60 calls a minute at peak. */
const PORTAL_TO_NPD: TrafficProfile = {
  seed: 42,
  peakPerMinute: 60,
  failureRatio: 0.005,
  latencyMedianMs: 120,
};

interface Scenario {
  incidents?: readonly TrafficIncident[];
  profile?: Partial<TrafficProfile>;
  historyFromMs?: number;
  thresholds?: HealthThresholds;
}

function run(fromMs: number, toMs: number, scenario: Scenario = {}): EvaluationRun {
  const profile = { ...PORTAL_TO_NPD, ...scenario.profile, incidents: scenario.incidents ?? [] };
  const rows = minuteSeries(profile, scenario.historyFromMs ?? HISTORY_FROM, toMs);
  const options = scenario.thresholds ? { thresholds: scenario.thresholds } : {};
  return runEvaluations(indexMinutes(rows), fromMs, toMs, options);
}

const path = (r: EvaluationRun) => r.transitions.map((t) => `${t.previousState}→${t.state}`);
const classifiedStates = (r: EvaluationRun) =>
  new Set(r.evaluations.map((e) => e.classification.state));
const changesOfClassification = (r: EvaluationRun) =>
  r.evaluations.filter(
    (e, i) => i > 0 && e.classification.state !== r.evaluations[i - 1]?.classification.state,
  ).length;

describe('scenarios on generated traffic', () => {
  it('an ordinary weekday raises nothing: healthy by day, idle at night', () => {
    const day = run(at('00:00:00'), local('19')('00:00:00'));
    expect(classifiedStates(day)).toEqual(new Set(['healthy', 'idle']));
    expect(path(day)).toEqual(['unknown→idle', 'idle→healthy', 'healthy→idle']);
  });

  describe('outage (the connection goes dark at 10:00)', () => {
    const outage = {
      incidents: [{ kind: 'outage', fromMs: at('10:00:00'), toMs: at('10:20:00') }],
    } as const;
    const r = run(at('09:30:00'), at('10:40:00'), outage);
    const down = r.transitions.find((t) => t.state === 'down');

    it('is down once the silence limit has passed and held for two evaluations', () => {
      const firstDown = r.evaluations.find((e) => e.classification.state === 'down');
      expect(firstDown?.atMs).toBe(at('10:10:00')); // last success late in the 09:59 minute
      expect(down).toMatchObject({
        previousState: 'healthy',
        atMs: at('10:10:30'),
        evaluations: 2,
      });
    });

    it('gives the silence and the expected traffic as the reason', () => {
      expect(down?.rule).toBe('silence');
      expect(down?.reason).toMatch(
        /^no successful transaction for 10 min \(limit 10 min\) while about \d{3} were expected in this 5 min window \(same window last week: \d{3}; median of the trailing 7 days: \d{3}\)$/,
      );
      expect(down?.figures).toMatchObject({ transactions: 0, expectation: { status: 'expected' } });
    });

    it('is not called down while the gap is shorter than the silence limit', () => {
      const gap = r.evaluations.filter((e) => e.atMs >= at('10:05:00') && e.atMs < at('10:10:00'));
      expect(gap.every((e) => e.classification.rule === 'gap-under-silence')).toBe(true);
      expect(gap.every((e) => e.state === 'healthy')).toBe(true);
    });

    it('recovers on the third consecutive healthy evaluation once traffic is back', () => {
      const recovery = r.transitions.find((t) => t.previousState === 'down');
      expect(recovery).toMatchObject({ state: 'healthy', evaluations: 3, atMs: at('10:22:00') });
      // The first complete minute of traffic is seen at 10:21:00; two healthy evaluations are not enough.
      const before = r.evaluations.filter(
        (e) => e.atMs >= at('10:21:00') && e.atMs < at('10:22:00'),
      );
      expect(before.map((e) => [e.classification.state, e.state])).toEqual([
        ['healthy', 'down'],
        ['healthy', 'down'],
      ]);
      expect(path(r)).toEqual(['unknown→healthy', 'healthy→down', 'down→healthy']);
    });
  });

  it('degradation: 12% failures make it degraded, never down, and it recovers', () => {
    const r = run(at('09:50:00'), at('10:45:00'), {
      incidents: [{ kind: 'failures', fromMs: at('10:00:00'), toMs: at('10:30:00'), ratio: 0.12 }],
    });
    expect(path(r)).toEqual(['unknown→healthy', 'healthy→degraded', 'degraded→healthy']);
    const degraded = r.transitions[1];
    expect(degraded?.atMs).toBeGreaterThan(at('10:02:00'));
    expect(degraded?.atMs).toBeLessThan(at('10:06:00'));
    expect(degraded?.reason).toMatch(
      /^success ratio \d\d\.\d% under the 95% target over \d{3} transactions in the last 5 min$/,
    );
  });

  it('slowdown: a p95 over 3 s makes it degraded, with the latency as the reason', () => {
    const r = run(at('09:50:00'), at('10:45:00'), {
      incidents: [{ kind: 'slowdown', fromMs: at('10:00:00'), toMs: at('10:30:00'), factor: 30 }],
    });
    expect(path(r)).toEqual(['unknown→healthy', 'healthy→degraded', 'degraded→healthy']);
    expect(r.transitions[1]?.reason).toMatch(
      /^p95 latency \d,\d{3} ms over the 3,000 ms limit \(\d{3} transactions in the last 5 min\)$/,
    );
  });

  it('a connection quiet at night is idle, not down, and stray night calls do not wake it', () => {
    const r = run(at('20:00:00'), local('19')('07:00:00'));
    expect(classifiedStates(r).has('down')).toBe(false);
    expect(classifiedStates(r).has('healthy')).toBe(true); // a few night calls…
    const deepNight = r.evaluations.filter(
      (e) => e.atMs >= local('19')('00:00:00') && e.atMs < local('19')('05:00:00'),
    );
    expect(deepNight.every((e) => e.state === 'idle')).toBe(true); // …do not wake it
    expect(path(r)).toEqual(['unknown→healthy', 'healthy→idle', 'idle→healthy']);
  });

  it('a province quiet on Sundays is not down although the trailing weekdays were busy', () => {
    const sunday = local('22');
    const r = run(sunday('08:00:00'), sunday('12:00:00'), {
      profile: { peakPerMinute: 30, weekendFactor: 0.02 },
    });
    expect(classifiedStates(r).has('down')).toBe(false);
    const busyMedianYetQuiet = r.evaluations.some(
      (e) =>
        e.classification.figures.expectation.status === 'not-expected' &&
        (e.classification.figures.expectation.trailingMedian ?? 0) >= 50,
    );
    expect(busyMedianYetQuiet).toBe(true);
  });

  it('a connection three days old is unknown in an outage, not down, and healthy at once after', () => {
    const r = run(at('09:50:00'), at('10:40:00'), {
      historyFromMs: Date.parse('2026-11-15T00:00:00+07:00'),
      incidents: [{ kind: 'outage', fromMs: at('10:00:00'), toMs: at('10:20:00') }],
    });
    expect(path(r)).toEqual(['unknown→healthy', 'healthy→unknown', 'unknown→healthy']);
    expect(r.transitions[1]?.reason).toMatch(/with 3 of the 7 days of history needed/);
    expect(r.transitions[2]?.evaluations).toBe(1);
  });

  describe('flapping', () => {
    it('alternating good and bad minutes does not produce a transition every evaluation', () => {
      // A 1 min window so that the classification itself flips with the minutes, on a link busy
      // enough for every minute to be judged.
      const thresholds = { ...DEFAULT_HEALTH_THRESHOLDS, windowMs: 60_000 };
      const r = run(at('09:50:00'), at('11:00:00'), {
        thresholds,
        profile: { peakPerMinute: 150 },
        incidents: [
          {
            kind: 'flapping',
            fromMs: at('10:00:00'),
            toMs: at('11:00:00'),
            periodMinutes: 1,
            ratio: 0.3,
          },
        ],
      });
      expect(changesOfClassification(r)).toBeGreaterThan(50);
      // Two bad evaluations (one minute) enter degraded; two good ones never make a recovery.
      expect(path(r)).toEqual(['unknown→healthy', 'healthy→degraded']);
    });

    it('three bad minutes in six: flagged throughout, each change held for its confirmation run', () => {
      const r = run(at('09:50:00'), at('11:00:00'), {
        incidents: [
          {
            kind: 'flapping',
            fromMs: at('10:00:00'),
            toMs: at('11:00:00'),
            periodMinutes: 3,
            ratio: 1,
          },
        ],
      });
      // The classification swings between down and degraded (and healthy, early on)…
      expect(classifiedStates(r)).toEqual(new Set(['healthy', 'degraded', 'down']));
      // …but once raised, the connection never shows healthy while the trouble lasts.
      const raised = r.transitions[1]?.atMs ?? Infinity;
      expect(raised).toBeLessThan(at('10:06:00'));
      expect(
        r.evaluations.filter((e) => e.atMs >= raised).every((e) => e.state !== 'healthy'),
      ).toBe(true);
      const steps = r.transitions.map((t) => r.evaluations.findIndex((e) => e.atMs === t.atMs));
      steps
        .slice(2)
        .forEach((step, i) => expect(step - (steps[i + 1] ?? 0)).toBeGreaterThanOrEqual(2));
    });
  });
});
