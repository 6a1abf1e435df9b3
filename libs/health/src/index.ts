// Connection health rules: pure functions (no I/O, no clock: the caller passes now).
// The evaluator around them reads minute rollups, calls classifyConnection and advanceTracker
// every interval, and stores each HealthTransition as an event.
export { agencyCodesOf, connectionLabel, sameConnection, type ConnectionKey } from './connection';
export { CONNECTION_STATES, severity, type ConnectionState } from './connection-state';
export type { BaselineFigures, WindowFigures } from './window-figures';
export { DEFAULT_HEALTH_THRESHOLDS, STRICTER_VALUE, type HealthThresholds } from './thresholds';
export { expectedTraffic, median, type TrafficExpectation } from './expected-traffic';
export {
  classifyConnection,
  type HealthClassification,
  type HealthFigures,
  type HealthRule,
} from './classify-connection';
export {
  advanceTracker,
  directionOf,
  INITIAL_HEALTH_TRACKER,
  trackerFromLastTransition,
  type ChangeDirection,
  type HealthTracker,
  type HealthTransition,
  type PendingChange,
  type TrackerStep,
} from './health-tracker';
export {
  EMPTY_HEALTH_THRESHOLDS_CONFIG,
  HealthThresholdsFileError,
  parseHealthThresholdsFile,
  type ConnectionThresholdsOverride,
  type HealthThresholdsConfig,
} from './thresholds-file';
export { resolveThresholds, stricterOf } from './resolve-thresholds';
