import type { RhythmProfile, Catalogue, ServiceSpec } from './catalogue';
import { DEFAULT_CATALOGUE } from './catalogue';
import { growthFactor, NO_GROWTH, type Growth } from './growth';
import type { Incident } from './incidents';
import { cumulativeSums } from './random';
import { activityFactor } from './rhythm';

/** One (platform, consumer, provider) link and everything needed to simulate its calls. */
export interface Connection {
  platform: string;
  consumer: string;
  provider: string;
  profile: RhythmProfile;
  /** Fraction of national traffic when every profile is at its peak; all shares sum to 1. */
  share: number;
  services: readonly ServiceSpec[];
  serviceCumulativeWeights: readonly number[];
  latencyMedianMs: number;
  baseFailureRatio: number;
  citizenIdPrefix?: string;
}

/** Shares of transactions that the consumer, or the provider, also report (besides the platform). */
export interface ReportingShares {
  consumer: number;
  provider: number;
}

export interface TrafficModel {
  connections: readonly Connection[];
  /** National events per second on a weekday at peak hour, before growth. */
  peakEventsPerSecond: number;
  growth: Growth;
  incidents: readonly Incident[];
  reporting: ReportingShares;
}

export interface TrafficModelOptions {
  catalogue?: Catalogue;
  peakEventsPerSecond?: number;
  growth?: Growth;
  incidents?: readonly Incident[];
  reporting?: ReportingShares;
}

/** About 20 events/s at a weekday's peak: busy enough to watch, light enough for a laptop. */
export const DEFAULT_PEAK_EVENTS_PER_SECOND = 20;
export const DEFAULT_REPORTING: ReportingShares = { consumer: 0.1, provider: 0.05 };
export const RHYTHM_PROFILES: readonly RhythmProfile[] = ['province', 'ministry', 'corporate'];

export function createTrafficModel(options: TrafficModelOptions = {}): TrafficModel {
  return {
    connections: buildConnections(options.catalogue ?? DEFAULT_CATALOGUE),
    peakEventsPerSecond: options.peakEventsPerSecond ?? DEFAULT_PEAK_EVENTS_PER_SECOND,
    growth: options.growth ?? NO_GROWTH,
    incidents: options.incidents ?? [],
    reporting: options.reporting ?? DEFAULT_REPORTING,
  };
}

export function buildConnections(catalogue: Catalogue): Connection[] {
  const providers = new Map(catalogue.providers.map((provider) => [provider.code, provider]));
  const totalWeight = catalogue.consumers.reduce((sum, consumer) => sum + consumer.weight, 0);
  return catalogue.consumers.flatMap((consumer) => {
    const splits = Object.entries(consumer.providers);
    const splitTotal = splits.reduce((sum, [, split]) => sum + split, 0);
    return splits.map(([providerCode, split]): Connection => {
      const provider = providers.get(providerCode);
      if (provider === undefined) {
        throw new Error(`consumer ${consumer.code} names unknown provider ${providerCode}`);
      }
      return {
        platform: consumer.platform,
        consumer: consumer.code,
        provider: provider.code,
        profile: consumer.profile,
        share: (consumer.weight / totalWeight) * (split / splitTotal),
        services: provider.services,
        serviceCumulativeWeights: cumulativeSums(provider.services.map((s) => s.weight)),
        latencyMedianMs: provider.latencyMedianMs,
        baseFailureRatio: provider.baseFailureRatio,
        ...(consumer.citizenIdPrefix === undefined
          ? {}
          : { citizenIdPrefix: consumer.citizenIdPrefix }),
      };
    });
  });
}

/** Expected events per second on one connection at an instant (incidents do not change it). */
export function connectionRate(
  model: TrafficModel,
  connection: Connection,
  timeMs: number,
): number {
  return (
    model.peakEventsPerSecond *
    connection.share *
    activityFactor(connection.profile, timeMs) *
    growthFactor(model.growth, timeMs)
  );
}

/** Expected national events per second at an instant. */
export function nationalRate(model: TrafficModel, timeMs: number): number {
  return model.connections.reduce((sum, c) => sum + connectionRate(model, c, timeMs), 0);
}

const WEEK_MS = 7 * 24 * 3_600_000;
const SAMPLE_MS = 5 * 60_000;

/** National events per second averaged over a whole week, before growth. */
export function meanWeeklyRate(model: TrafficModel): number {
  const flat: TrafficModel = { ...model, growth: NO_GROWTH };
  let sum = 0;
  let samples = 0;
  for (let t = 0; t < WEEK_MS; t += SAMPLE_MS) {
    sum += nationalRate(flat, t);
    samples += 1;
  }
  return sum / samples;
}

/** The `scale` that makes the model average `meanEventsPerSecond` over a week (before growth). */
export function scaleForMeanRate(model: TrafficModel, meanEventsPerSecond: number): number {
  return meanEventsPerSecond / meanWeeklyRate(model);
}
