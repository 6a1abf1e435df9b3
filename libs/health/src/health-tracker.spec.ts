import fc from 'fast-check';
import { classifyConnection, type HealthClassification } from './classify-connection';
import type { ConnectionState } from './connection-state';
import {
  advanceTracker,
  INITIAL_HEALTH_TRACKER,
  trackerFromLastTransition,
  type HealthTracker,
  type HealthTransition,
} from './health-tracker';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from './thresholds';
import type { BaselineFigures, WindowFigures } from './window-figures';

const MIN = 60_000;
const STEP = 30_000;
const T0 = Date.parse('2026-11-18T10:00:00+07:00');
const defaults = DEFAULT_HEALTH_THRESHOLDS; // enterWorseAfter 2, recoverAfter 3

const BUSY: BaselineFigures = {
  sameWindowLastWeek: 300,
  sameWindowTrailingDays: Array(7).fill(300),
};
const QUIET: BaselineFigures = { sameWindowLastWeek: 1, sameWindowTrailingDays: Array(7).fill(1) };
const YOUNG: BaselineFigures = { sameWindowLastWeek: null, sameWindowTrailingDays: [9, 9, null] };

const canned = (overrides: Partial<WindowFigures>): HealthClassification =>
  classifyConnection(
    {
      windowMs: 5 * MIN,
      transactions: 300,
      failures: 0,
      p95LatencyMs: 200,
      lastSeenMs: T0,
      lastSuccessMs: T0,
      baseline: BUSY,
      ...overrides,
    },
    defaults,
    T0,
  );
const noTraffic = (baseline: BaselineFigures, lastSuccessMs: number | null = null) =>
  canned({
    transactions: 0,
    p95LatencyMs: null,
    lastSeenMs: lastSuccessMs,
    lastSuccessMs,
    baseline,
  });

const HEALTHY = canned({});
const DEGRADED = canned({ p95LatencyMs: 5_000 });
const DOWN = canned({ failures: 200 });
const IDLE = noTraffic(QUIET);
const UNKNOWN = noTraffic(YOUNG);
/** One call at night, when none is expected. */
const QUIET_CALL = canned({ transactions: 1, baseline: QUIET });

const BY_STATE: Record<ConnectionState, HealthClassification> = {
  healthy: HEALTHY,
  degraded: DEGRADED,
  down: DOWN,
  idle: IDLE,
  unknown: UNKNOWN,
};

it('uses canned classifications of the intended states', () => {
  expect([HEALTHY, DEGRADED, DOWN, IDLE, UNKNOWN, QUIET_CALL].map((c) => c.state)).toEqual([
    'healthy',
    'degraded',
    'down',
    'idle',
    'unknown',
    'healthy',
  ]);
  expect(QUIET_CALL.rule).toBe('too-few-to-judge');
});

interface Run {
  tracker: HealthTracker;
  /** The transition of each step, or undefined. */
  steps: (HealthTransition | undefined)[];
  /** The tracker's state after each step. */
  states: ConnectionState[];
  transitions: HealthTransition[];
}

function feed(
  sequence: readonly HealthClassification[],
  start: HealthTracker = INITIAL_HEALTH_TRACKER,
  thresholds: Pick<HealthThresholds, 'enterWorseAfter' | 'recoverAfter'> = defaults,
): Run {
  let tracker = start;
  const steps: (HealthTransition | undefined)[] = [];
  const states: ConnectionState[] = [];
  sequence.forEach((classification, i) => {
    const step = advanceTracker(tracker, classification, thresholds, T0 + (i + 1) * STEP);
    tracker = step.tracker;
    steps.push(step.transition);
    states.push(tracker.state);
  });
  return { tracker, steps, states, transitions: steps.filter((t) => t !== undefined) };
}

const settledIn = (state: ConnectionState): HealthTracker =>
  trackerFromLastTransition({ state, atMs: T0 });
const repeat = (c: HealthClassification, n: number) => Array<HealthClassification>(n).fill(c);

describe('advanceTracker', () => {
  it('adopts the first known classification at once, from unknown', () => {
    const run = feed([HEALTHY]);
    expect(run.tracker).toEqual({ state: 'healthy', sinceMs: T0 + STEP, pending: null });
    expect(run.transitions).toEqual([
      {
        state: 'healthy',
        previousState: 'unknown',
        atMs: T0 + STEP,
        rule: 'within-thresholds',
        reason: HEALTHY.reason,
        figures: HEALTHY.figures,
        evaluations: 1,
      },
    ]);
  });

  it('stays unknown on unknown evaluations', () => {
    expect(feed(repeat(UNKNOWN, 5)).transitions).toEqual([]);
  });

  it('enters a worse state on the enterWorseAfter-th consecutive evaluation', () => {
    const run = feed([DOWN, DOWN], settledIn('healthy'));
    expect(run.steps[0]).toBeUndefined();
    expect(run.tracker.state).toBe('down');
    expect(run.steps[1]).toMatchObject({
      state: 'down',
      previousState: 'healthy',
      atMs: T0 + 2 * STEP,
      reason: DOWN.reason,
      evaluations: 2,
    });
  });

  it('records the pending change between evaluations', () => {
    const run = feed([DEGRADED], settledIn('healthy'));
    expect(run.tracker).toEqual({
      state: 'healthy',
      sinceMs: T0,
      pending: {
        state: 'degraded',
        direction: 'worse',
        count: 1,
        firstAtMs: T0 + STEP,
        basis: DEGRADED,
      },
    });
  });

  it('recovers on the recoverAfter-th consecutive better evaluation, not before', () => {
    const run = feed(repeat(HEALTHY, 3), settledIn('down'));
    expect(run.steps.slice(0, 2)).toEqual([undefined, undefined]);
    expect(run.steps[2]).toMatchObject({ state: 'healthy', previousState: 'down', evaluations: 3 });
  });

  it('starts over when the current state is seen again', () => {
    const run = feed([HEALTHY, HEALTHY, DOWN, HEALTHY, HEALTHY, DOWN], settledIn('down'));
    expect(run.transitions).toEqual([]);
    expect(run.tracker.pending).toBeNull();
  });

  it('starts over when the direction changes', () => {
    // degraded: down is worse, healthy better; neither run gets long enough.
    const run = feed([DOWN, HEALTHY, HEALTHY, DOWN, HEALTHY, HEALTHY], settledIn('degraded'));
    expect(run.transitions).toEqual([]);
  });

  it('keeps a worsening run going across degraded and down, entering the mildest', () => {
    const downThenDegraded = feed([DOWN, DEGRADED], settledIn('healthy'));
    expect(downThenDegraded.transitions).toEqual([
      expect.objectContaining({ state: 'degraded', reason: DEGRADED.reason, evaluations: 2 }),
    ]);
    // The event carries the evaluation that supports the state entered, not the latest one.
    const degradedThenDown = feed([DEGRADED, DOWN], settledIn('healthy'));
    expect(degradedThenDown.transitions).toEqual([
      expect.objectContaining({
        state: 'degraded',
        reason: DEGRADED.reason,
        figures: DEGRADED.figures,
      }),
    ]);
  });

  it('keeps a recovery run going across degraded and healthy, entering the worst', () => {
    const run = feed([HEALTHY, DEGRADED, HEALTHY], settledIn('down'));
    expect(run.transitions).toEqual([
      expect.objectContaining({
        state: 'degraded',
        previousState: 'down',
        reason: DEGRADED.reason,
      }),
    ]);
  });

  it('takes recoverAfter evaluations for a lateral change (healthy ↔ idle)', () => {
    const toIdle = feed(repeat(IDLE, 3), settledIn('healthy'));
    expect(toIdle.steps.map((t) => t?.state)).toEqual([undefined, undefined, 'idle']);
    const toHealthy = feed(repeat(HEALTHY, 3), settledIn('idle'));
    expect(toHealthy.steps.map((t) => t?.state)).toEqual([undefined, undefined, 'healthy']);
  });

  it('keeps an idle connection idle through stray calls when none are expected', () => {
    const run = feed(repeat(QUIET_CALL, 10), settledIn('idle'));
    expect(run.transitions).toEqual([]);
    expect(run.tracker.pending).toBeNull();
    // The same few calls when traffic is expected are evidence of a healthy connection.
    const expected = canned({ transactions: 10 });
    expect(expected.rule).toBe('too-few-to-judge');
    expect(feed(repeat(expected, 3), settledIn('idle')).tracker.state).toBe('healthy');
  });

  it('falls back to unknown like a recovery, and leaves it at once', () => {
    const run = feed([...repeat(UNKNOWN, 3), DOWN], settledIn('down'));
    expect(run.steps.map((t) => t && `${t.previousState}→${t.state}`)).toEqual([
      undefined,
      undefined,
      'down→unknown',
      'unknown→down',
    ]);
  });

  it('follows configured counts', () => {
    const eager = { enterWorseAfter: 1, recoverAfter: 5 };
    expect(feed([DOWN], settledIn('healthy'), eager).tracker.state).toBe('down');
    const recovery = feed(repeat(HEALTHY, 5), settledIn('down'), eager);
    expect(recovery.steps.findIndex((t) => t !== undefined)).toBe(4);
  });

  it('does not change the tracker it is given', () => {
    const tracker = settledIn('healthy');
    const copy = structuredClone(tracker);
    advanceTracker(tracker, DOWN, defaults, T0 + STEP);
    expect(tracker).toEqual(copy);
  });
});

describe('trackerFromLastTransition', () => {
  it('starts unknown without an event', () => {
    expect(trackerFromLastTransition(undefined)).toEqual(INITIAL_HEALTH_TRACKER);
  });

  it('rebuilds the state and its start from the last event, nothing pending', () => {
    const [last] = feed([HEALTHY]).transitions;
    expect(trackerFromLastTransition(last)).toEqual({
      state: 'healthy',
      sinceMs: T0 + STEP,
      pending: null,
    });
  });
});

describe('hysteresis properties', () => {
  const known: ConnectionState[] = ['healthy', 'degraded', 'down', 'idle'];
  const classification = fc.constantFrom(HEALTHY, DEGRADED, DOWN, IDLE, UNKNOWN, QUIET_CALL);
  const counts = fc.record({
    enterWorseAfter: fc.integer({ min: 2, max: 6 }),
    recoverAfter: fc.integer({ min: 2, max: 6 }),
  });
  const startState = fc.constantFrom<ConnectionState>(...known);

  it('never changes a known state on a single contrary evaluation', () => {
    // Contrary evaluations, each followed by the current state again.
    fc.assert(
      fc.property(
        startState,
        counts,
        fc.array(fc.tuple(classification, fc.nat(3))),
        (s, th, parts) => {
          const sequence = parts.flatMap(([contrary, n]) => [
            contrary,
            ...repeat(BY_STATE[s], n + 1),
          ]);
          const run = feed(sequence, settledIn(s), th);
          expect(run.transitions).toEqual([]);
        },
      ),
    );
  });

  it('a constant classification converges within max(enterWorseAfter, recoverAfter) from a settled tracker', () => {
    fc.assert(
      fc.property(startState, fc.constantFrom(...known), counts, (s, target, th) => {
        const limit = Math.max(th.enterWorseAfter, th.recoverAfter);
        const run = feed(repeat(BY_STATE[target], limit), settledIn(s), th);
        expect(run.tracker.state).toBe(target);
        expect(run.transitions.length).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('from any history, a constant classification converges within 2 × max and stays', () => {
    const constant = fc.constantFrom(HEALTHY, DEGRADED, DOWN, IDLE, UNKNOWN);
    fc.assert(
      fc.property(
        fc.array(classification, { maxLength: 30 }),
        constant,
        counts,
        (history, c, th) => {
          const before = feed(history, INITIAL_HEALTH_TRACKER, th).tracker;
          const limit = 2 * Math.max(th.enterWorseAfter, th.recoverAfter);
          const { states } = feed(repeat(c, limit + 5), before, th);
          expect(states.slice(limit - 1).every((state) => state === c.state)).toBe(true);
        },
      ),
    );
  });

  it('transitions chain: each starts where the previous one ended, and none is a no-op', () => {
    fc.assert(
      fc.property(fc.array(classification, { maxLength: 60 }), counts, (sequence, th) => {
        const run = feed(sequence, INITIAL_HEALTH_TRACKER, th);
        let state: ConnectionState = INITIAL_HEALTH_TRACKER.state;
        let atMs = -Infinity;
        for (const t of run.transitions) {
          expect(t.previousState).toBe(state);
          expect(t.state).not.toBe(t.previousState);
          expect(t.atMs).toBeGreaterThan(atMs);
          state = t.state;
          atMs = t.atMs;
        }
        expect(run.tracker.state).toBe(state);
      }),
    );
  });

  it('a change from a known state follows at least the required run of contrary evaluations', () => {
    fc.assert(
      fc.property(fc.array(classification, { maxLength: 60 }), counts, (sequence, th) => {
        const run = feed(sequence, INITIAL_HEALTH_TRACKER, th);
        run.steps.forEach((t, i) => {
          if (t === undefined || t.previousState === 'unknown') return;
          const worse =
            t.state === 'down' || (t.state === 'degraded' && t.previousState !== 'down');
          const required = worse ? th.enterWorseAfter : th.recoverAfter;
          expect(t.evaluations).toBeGreaterThanOrEqual(required);
          const run = sequence.slice(i + 1 - t.evaluations, i + 1);
          expect(run.every((c) => c.state !== t.previousState)).toBe(true);
        });
      }),
    );
  });

  it('rebuilding from the last event gives the same state and start', () => {
    fc.assert(
      fc.property(fc.array(classification, { maxLength: 40 }), counts, (sequence, th) => {
        const run = feed(sequence, INITIAL_HEALTH_TRACKER, th);
        const rebuilt = trackerFromLastTransition(run.transitions.at(-1));
        expect(rebuilt.state).toBe(run.tracker.state);
        expect(rebuilt.sinceMs).toBe(run.tracker.sinceMs);
      }),
    );
  });
});
