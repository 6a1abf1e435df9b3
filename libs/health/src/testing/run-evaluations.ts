// Test support: the evaluator loop without its I/O, every `stepMs` from `fromMs` to `toMs`.
import { classifyConnection, type HealthClassification } from '../classify-connection';
import {
  advanceTracker,
  INITIAL_HEALTH_TRACKER,
  type HealthTracker,
  type HealthTransition,
} from '../health-tracker';
import { DEFAULT_HEALTH_THRESHOLDS, type HealthThresholds } from '../thresholds';
import { windowFiguresAt, type MinuteSeries } from './window-figures-from-minutes';

export interface Evaluation {
  atMs: number;
  classification: HealthClassification;
  /** The tracker's state after this evaluation. */
  state: HealthTracker['state'];
}

export interface EvaluationRun {
  evaluations: Evaluation[];
  transitions: HealthTransition[];
  tracker: HealthTracker;
}

export function runEvaluations(
  series: MinuteSeries,
  fromMs: number,
  toMs: number,
  {
    thresholds = DEFAULT_HEALTH_THRESHOLDS,
    stepMs = 30_000,
    tracker: start = INITIAL_HEALTH_TRACKER,
  }: { thresholds?: HealthThresholds; stepMs?: number; tracker?: HealthTracker } = {},
): EvaluationRun {
  let tracker = start;
  const evaluations: Evaluation[] = [];
  const transitions: HealthTransition[] = [];
  for (let atMs = fromMs; atMs <= toMs; atMs += stepMs) {
    const figures = windowFiguresAt(series, atMs, { windowMs: thresholds.windowMs });
    const classification = classifyConnection(figures, thresholds, atMs);
    const step = advanceTracker(tracker, classification, thresholds, atMs);
    tracker = step.tracker;
    if (step.transition) transitions.push(step.transition);
    evaluations.push({ atMs, classification, state: tracker.state });
  }
  return { evaluations, transitions, tracker };
}
