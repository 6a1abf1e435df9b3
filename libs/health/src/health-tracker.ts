import type { HealthClassification, HealthFigures, HealthRule } from './classify-connection';
import type { ConnectionKey } from './connection';
import { severity, type ConnectionState } from './connection-state';
import type { HealthThresholds } from './thresholds';

/** How a candidate state compares with the current one. */
export type ChangeDirection = 'worse' | 'better' | 'lateral';

/** A change that has been seen but not yet confirmed. */
export interface PendingChange {
  /** The state that would be entered: the one every evaluation of the run supports. */
  state: ConnectionState;
  direction: ChangeDirection;
  /** Consecutive evaluations so far in this direction. */
  count: number;
  firstAtMs: number;
  /** The latest evaluation that classified as `state`: its reason and figures go in the event. */
  basis: HealthClassification;
}

/** Hysteresis state of one connection. Plain data: it can be logged, compared, rebuilt. */
export interface HealthTracker {
  state: ConnectionState;
  /** When `state` was entered; null for the initial `unknown`. */
  sinceMs: number | null;
  pending: PendingChange | null;
}

/** A state change: what the evaluator appends to the event table. */
export interface HealthTransition {
  /** Not known to advanceTracker; the evaluator adds it before storing. */
  connection?: ConnectionKey;
  state: ConnectionState;
  previousState: ConnectionState;
  atMs: number;
  rule: HealthRule;
  reason: string;
  figures: HealthFigures;
  /** Consecutive evaluations that confirmed the change (1 when leaving `unknown`). */
  evaluations: number;
}

export interface TrackerStep {
  tracker: HealthTracker;
  transition?: HealthTransition;
}

/** Where every connection starts when it has no event yet. */
export const INITIAL_HEALTH_TRACKER: Readonly<HealthTracker> = Object.freeze({
  state: 'unknown',
  sinceMs: null,
  pending: null,
});

/**
 * Feeds one classification to the hysteresis.
 *
 * - Same state as the current one: nothing pending any more.
 * - From `unknown`, any known classification is adopted at once: unknown raises nothing, so
 *   there is nothing to protect from flapping, and waiting would only delay the first answer.
 * - From `idle`, a healthy evaluation over too few transactions to judge, at a time when no
 *   traffic is expected, is no evidence of a change: a province portal that makes a call or
 *   two at night is still quiet as expected. Without this, every stray night call would swing
 *   the connection idle → healthy → idle and fill the event table.
 * - Otherwise a change needs consecutive evaluations in one direction (severity order
 *   down > degraded > healthy = idle > unknown): `enterWorseAfter` for a worse state,
 *   `recoverAfter` for a better one and for a lateral one (healthy ↔ idle raises nothing, so
 *   it can take the slower path). Falling back to `unknown` (a connection too young to know
 *   whether its silence is normal) counts as "better": like a recovery it clears what was
 *   raised, so it needs the same evidence.
 *
 * Within a run the candidate may change without resetting the count as long as the direction
 * holds: from healthy, "down, degraded" enters degraded (the mildest state the whole run
 * supports), so a link bouncing between degraded and down is still reported. A change of
 * direction, or a return to the current state, starts over.
 */
export function advanceTracker(
  tracker: HealthTracker,
  classification: HealthClassification,
  thresholds: Pick<HealthThresholds, 'enterWorseAfter' | 'recoverAfter'>,
  nowMs: number,
): TrackerStep {
  const observed = classification.state;
  if (observed === tracker.state) return { tracker: settled(tracker) };
  if (tracker.state === 'unknown') return enter(tracker, classification, nowMs, 1);
  if (tracker.state === 'idle' && stillQuiet(classification)) return { tracker: settled(tracker) };

  const direction = directionOf(tracker.state, observed);
  let pending: PendingChange = {
    state: observed,
    direction,
    count: 1,
    firstAtMs: nowMs,
    basis: classification,
  };
  if (tracker.pending !== null && tracker.pending.direction === direction) {
    const state = supported(direction, tracker.pending.state, observed);
    pending = {
      state,
      direction,
      count: tracker.pending.count + 1,
      firstAtMs: tracker.pending.firstAtMs,
      basis: state === observed ? classification : tracker.pending.basis,
    };
  }

  const required = direction === 'worse' ? thresholds.enterWorseAfter : thresholds.recoverAfter;
  if (pending.count < required) return { tracker: { ...tracker, pending } };
  return enter(tracker, pending.basis, nowMs, pending.count);
}

/**
 * The tracker as it stood after its last stored event, for a restart. A pending change is not
 * stored and so is lost: a restart can delay a change by at most one confirmation run.
 */
export function trackerFromLastTransition(
  last: Pick<HealthTransition, 'state' | 'atMs'> | undefined,
): HealthTracker {
  if (last === undefined) return { ...INITIAL_HEALTH_TRACKER };
  return { state: last.state, sinceMs: last.atMs, pending: null };
}

export function directionOf(current: ConnectionState, next: ConnectionState): ChangeDirection {
  const difference = severity(next) - severity(current);
  return difference > 0 ? 'worse' : difference < 0 ? 'better' : 'lateral';
}

/** The state a run supports: for a worsening the mildest seen, for a recovery the worst. */
function supported(
  direction: ChangeDirection,
  previous: ConnectionState,
  latest: ConnectionState,
): ConnectionState {
  switch (direction) {
    case 'worse':
      return severity(previous) < severity(latest) ? previous : latest;
    case 'better':
      return severity(previous) > severity(latest) ? previous : latest;
    case 'lateral':
      return latest;
  }
}

/** Some traffic, too little to judge, and none expected: quiet in all but the letter. */
function stillQuiet(classification: HealthClassification): boolean {
  return (
    classification.rule === 'too-few-to-judge' &&
    classification.figures.expectation.status !== 'expected'
  );
}

function settled(tracker: HealthTracker): HealthTracker {
  return tracker.pending === null ? tracker : { ...tracker, pending: null };
}

function enter(
  tracker: HealthTracker,
  classification: HealthClassification,
  nowMs: number,
  evaluations: number,
): TrackerStep {
  return {
    tracker: { state: classification.state, sinceMs: nowMs, pending: null },
    transition: {
      state: classification.state,
      previousState: tracker.state,
      atMs: nowMs,
      rule: classification.rule,
      reason: classification.reason,
      figures: classification.figures,
      evaluations,
    },
  };
}
