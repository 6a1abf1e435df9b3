export { createRng, normal, poisson, type Rng } from './random';
export {
  DEFAULT_CATALOGUE,
  PLATFORMS,
  PROVIDERS,
  type Catalogue,
  type ConsumerSpec,
  type ProviderSpec,
  type RhythmProfile,
  type ServiceSpec,
} from './catalogue';
export { PROVINCES, type Province } from './provinces';
export { activityFactor, VIETNAM_UTC_OFFSET_MS } from './rhythm';
export { growthFactor, NO_GROWTH, YEAR_MS, type Growth } from './growth';
export {
  buildConnections,
  connectionRate,
  createTrafficModel,
  DEFAULT_PEAK_EVENTS_PER_SECOND,
  meanWeeklyRate,
  nationalRate,
  scaleForMeanRate,
  type Connection,
  type ReportingShares,
  type TrafficModel,
  type TrafficModelOptions,
} from './traffic-model';
export type { ConnectionSelector, Incident, IncidentKind } from './incidents';
export { IncidentSpecError, parseIncidentSpec, type IncidentSpecDefaults } from './incident-spec';
export { parseInstant } from './instant';
export { PLATFORM_TIMEOUT_MS } from './call-outcome';
export { generateEvents, type GenerateOptions } from './generate-events';
export { CallbackEventSink, type EventSink } from './event-sink';
export { HttpEventSink, type HttpEventSinkOptions } from './http-event-sink';
export { KafkaEventSink, type EventProducer, type KafkaEventSinkOptions } from './kafka-event-sink';
export {
  LiveTrafficRunner,
  intervalScheduler,
  type LiveTrafficRunnerOptions,
  type Scheduler,
} from './live-traffic-runner';
export {
  runBackfill,
  type BackfillControl,
  type BackfillProgress,
  type BackfillResult,
} from './backfill';
export {
  CliUsageError,
  DEFAULT_TOPIC,
  parseCliArgs,
  USAGE,
  type BackfillOptions,
  type CliCommand,
  type LiveOptions,
  type SimulatorOptions,
  type SinkTarget,
} from './cli-options';
