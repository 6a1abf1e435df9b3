import type { ReportingParty, TransactionEventV1 } from '@datashare/contract';
import type { RhythmProfile } from './catalogue';
import { sampleCallOutcome, type CallOutcome } from './call-outcome';
import { fakeCitizenId } from './citizen-id';
import { growthFactor } from './growth';
import { isActiveAt, overlaps, selectorMatches, type Incident } from './incidents';
import { cumulativeSums, intBetween, pickCumulative, poisson, type Rng } from './random';
import { activityFactor } from './rhythm';
import { RHYTHM_PROFILES, type Connection, type TrafficModel } from './traffic-model';

export interface GenerateOptions {
  /** Inclusive start, epoch ms. */
  fromMs: number;
  /** Exclusive end, epoch ms. */
  toMs: number;
  rng: Rng;
  /** Multiplies every rate of the model; 1 by default. */
  scale?: number;
  /** Transaction ids are `<idPrefix>-<epoch ms>-<n>`; use e.g. `SIM-<seed>`. */
  idPrefix?: string;
}

/** Rates are re-evaluated every simulated minute: the daily rhythm is flat at that scale. */
const STEP_MS = 60_000;
const MAX_PARTY_SKEW_MS = 15;

interface ProfileTable {
  profile: RhythmProfile;
  share: number;
  connections: readonly Connection[];
  cumulativeShares: readonly number[];
}

/**
 * Simulated transactions with occurredAt in [fromMs, toMs), in time order except that a
 * consumer's or provider's report of a call sits next to the platform's report, a few ms apart.
 * Arrivals are a Poisson process per connection (drawn as one national process split by
 * share, which is equivalent). The same model, options and RNG seed give the same events.
 */
export function* generateEvents(
  model: TrafficModel,
  options: GenerateOptions,
): Generator<TransactionEventV1, void, undefined> {
  const { fromMs, toMs, rng } = options;
  const scale = options.scale ?? 1;
  const idPrefix = options.idPrefix ?? 'SIM';
  const tables = profileTables(model.connections);
  let lastIdMs = Number.NaN;
  let sameMsCount = 0;

  for (let stepStart = fromMs; stepStart < toMs;) {
    const stepEnd = Math.min(toMs, (Math.floor(stepStart / STEP_MS) + 1) * STEP_MS);
    const mid = (stepStart + stepEnd) / 2;
    const base = model.peakEventsPerSecond * scale * growthFactor(model.growth, mid);
    const profileRates = tables.map((t) => base * t.share * activityFactor(t.profile, mid));
    const profileCumulative = cumulativeSums(profileRates);
    const totalRate = profileCumulative[profileCumulative.length - 1] ?? 0;
    const count = poisson(rng, (totalRate * (stepEnd - stepStart)) / 1000);
    const incidents = model.incidents.filter((i) => overlaps(i, stepStart, stepEnd));

    const arrivals = new Float64Array(count);
    for (let i = 0; i < count; i += 1) {
      arrivals[i] = stepStart + rng() * (stepEnd - stepStart);
    }
    arrivals.sort();

    for (const arrival of arrivals) {
      const atMs = Math.floor(arrival);
      if (atMs === lastIdMs) sameMsCount += 1;
      else [lastIdMs, sameMsCount] = [atMs, 0];
      const table = tables[pickCumulative(rng, profileCumulative)];
      if (table === undefined) continue;
      const connection = table.connections[pickCumulative(rng, table.cumulativeShares)];
      if (connection === undefined) continue;
      yield* simulateCall(model, connection, {
        rng,
        atMs,
        fromMs,
        toMs,
        transactionId: `${idPrefix}-${atMs}-${sameMsCount}`,
        incidents,
      });
    }
    stepStart = stepEnd;
  }
}

interface CallContext {
  rng: Rng;
  atMs: number;
  fromMs: number;
  toMs: number;
  transactionId: string;
  incidents: readonly Incident[];
}

function* simulateCall(
  model: TrafficModel,
  connection: Connection,
  context: CallContext,
): Generator<TransactionEventV1, void, undefined> {
  const { rng, atMs } = context;
  const service = connection.services[pickCumulative(rng, connection.serviceCumulativeWeights)];
  if (service === undefined) return;
  const call = {
    platform: connection.platform,
    consumer: connection.consumer,
    provider: connection.provider,
    service: service.name,
  };
  const active = context.incidents.filter(
    (incident) => isActiveAt(incident, atMs) && selectorMatches(incident.selector, call),
  );
  const outcome = sampleCallOutcome(rng, connection, service, active);
  const subjectId = service.carriesSubject
    ? fakeCitizenId(rng, connection.citizenIdPrefix)
    : undefined;
  const event = (reportedBy: ReportingParty, occurredMs: number, seen: CallOutcome) => {
    const clampedMs = Math.min(context.toMs - 1, Math.max(context.fromMs, occurredMs));
    const built: TransactionEventV1 = {
      schemaVersion: 1,
      transactionId: context.transactionId,
      reportedBy,
      occurredAt: new Date(clampedMs).toISOString(),
      ...call,
      outcome: seen.outcome,
      latencyMs: seen.latencyMs,
      requestBytes: seen.requestBytes,
      responseBytes: seen.responseBytes,
    };
    if (seen.errorCode !== undefined) built.errorCode = seen.errorCode;
    if (subjectId !== undefined) built.subjectId = subjectId;
    return built;
  };

  yield event('platform', atMs, outcome);
  // The consumer starts its clock before the platform and waits for the answer to travel back.
  if (rng() < model.reporting.consumer) {
    const skew = intBetween(rng, 1, MAX_PARTY_SKEW_MS);
    yield event('consumer', atMs - skew, {
      ...outcome,
      latencyMs: outcome.latencyMs + skew + intBetween(rng, 0, MAX_PARTY_SKEW_MS),
    });
  }
  // The provider sees the request a little later; an unreachable provider reports nothing.
  if (outcome.errorCode !== 'UPSTREAM_UNAVAILABLE' && rng() < model.reporting.provider) {
    const skew = intBetween(rng, 1, MAX_PARTY_SKEW_MS);
    yield event('provider', atMs + skew, {
      ...outcome,
      latencyMs: Math.max(0, outcome.latencyMs - skew - intBetween(rng, 0, MAX_PARTY_SKEW_MS)),
    });
  }
}

function profileTables(connections: readonly Connection[]): ProfileTable[] {
  return RHYTHM_PROFILES.map((profile) => {
    const members = connections.filter((c) => c.profile === profile);
    const cumulativeShares = cumulativeSums(members.map((c) => c.share));
    return {
      profile,
      share: cumulativeShares[cumulativeShares.length - 1] ?? 0,
      connections: members,
      cumulativeShares,
    };
  });
}
