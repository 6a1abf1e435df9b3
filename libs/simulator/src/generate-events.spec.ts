import {
  decodeTransactionEvent,
  SubjectPseudonymizer,
  type TransactionEventV1,
} from '@datashare/contract';
import { generateEvents, type GenerateOptions } from './generate-events';
import type { Incident } from './incidents';
import { createRng } from './random';
import { createTrafficModel, type TrafficModel } from './traffic-model';

// Monday 23 November 2026, 09:00 to 10:00 in Hanoi: the busiest hour of the week.
const FROM = Date.parse('2026-11-23T02:00:00Z');
const TO = FROM + 3_600_000;
const pseudonymizer = new SubjectPseudonymizer(Buffer.alloc(32, 7));

function generate(model: TrafficModel, options: Partial<GenerateOptions> = {}) {
  return [...generateEvents(model, { fromMs: FROM, toMs: TO, rng: createRng(11), ...options })];
}

const platformReports = (events: TransactionEventV1[]) =>
  events.filter((e) => e.reportedBy === 'platform');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] ?? Number.NaN;
}

describe('generateEvents', () => {
  const model = createTrafficModel();
  const events = generate(model, { scale: 0.1 });

  it('produces events that the contract decoder accepts', () => {
    expect(events.length).toBeGreaterThan(5_000);
    for (const event of events) {
      const result = decodeTransactionEvent(JSON.parse(JSON.stringify(event)), {
        nowMs: TO,
        maxFutureSkewMs: 0,
        pseudonymize: (id) => pseudonymizer.pseudonymize(id),
      });
      if (!result.ok) throw new Error(`${JSON.stringify(event)}: ${result.rejection.detail}`);
    }
  });

  it('follows the rate: about peak rate x scale x duration transactions', () => {
    const expected = 20 * 0.1 * 3600;
    expect(platformReports(events).length).toBeGreaterThan(expected * 0.85);
    expect(platformReports(events).length).toBeLessThan(expected * 1.05);
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(generate(model, { scale: 0.01 })).toEqual(generate(model, { scale: 0.01 }));
    expect(generate(model, { scale: 0.01, rng: createRng(12) })).not.toEqual(
      generate(model, { scale: 0.01 }),
    );
  });

  it('keeps occurredAt inside the range and in time order, give or take a few ms', () => {
    let latest = 0;
    for (const event of events) {
      const at = Date.parse(event.occurredAt);
      expect(at).toBeGreaterThanOrEqual(FROM);
      expect(at).toBeLessThan(TO);
      expect(at).toBeGreaterThan(latest - 20);
      latest = Math.max(latest, at);
    }
  });

  it('gives every transaction a unique id, reported once by each party', () => {
    const platformIds = platformReports(events).map((e) => e.transactionId);
    expect(new Set(platformIds).size).toBe(platformIds.length);
    const records = events.map((e) => `${e.transactionId}/${e.reportedBy}`);
    expect(new Set(records).size).toBe(records.length);
    expect(platformIds[0]).toMatch(/^SIM-\d+-\d+$/);
    expect(generate(model, { scale: 0.001, idPrefix: 'SIM-7' })[0]?.transactionId).toMatch(
      /^SIM-7-\d{13}-\d+$/,
    );
  });

  it('has consumers and providers report some transactions again, a few ms apart', () => {
    const platform = new Map(platformReports(events).map((e) => [e.transactionId, e]));
    const others = events.filter((e) => e.reportedBy !== 'platform');
    const byConsumer = others.filter((e) => e.reportedBy === 'consumer').length;
    const byProvider = others.filter((e) => e.reportedBy === 'provider').length;
    expect(byConsumer / platform.size).toBeGreaterThan(0.08);
    expect(byConsumer / platform.size).toBeLessThan(0.12);
    expect(byProvider / platform.size).toBeGreaterThan(0.035);
    expect(byProvider / platform.size).toBeLessThan(0.065);
    for (const event of others) {
      const original = platform.get(event.transactionId);
      expect(original).toBeDefined();
      const skew = Date.parse(event.occurredAt) - Date.parse(original?.occurredAt ?? '');
      expect(Math.abs(skew)).toBeLessThanOrEqual(15);
      expect(event).toMatchObject({
        consumer: original?.consumer,
        provider: original?.provider,
        service: original?.service,
        outcome: original?.outcome,
      });
    }
  });

  it('fails 0.5-2 % of calls with the baseline error codes and a ~120 ms median latency', () => {
    const calls = platformReports(events);
    const failures = calls.filter((e) => e.outcome === 'failure');
    expect(failures.length / calls.length).toBeGreaterThan(0.005);
    expect(failures.length / calls.length).toBeLessThan(0.02);
    expect(new Set(failures.map((e) => e.errorCode))).toEqual(
      new Set(['TIMEOUT', 'UPSTREAM_5XX', 'NOT_FOUND', 'AUTH_DENIED']),
    );
    expect(calls.filter((e) => e.outcome === 'success').every((e) => !('errorCode' in e))).toBe(
      true,
    );
    const latency = median(calls.map((e) => e.latencyMs ?? 0));
    expect(latency).toBeGreaterThan(90);
    expect(latency).toBeLessThan(160);
  });

  it('attaches 12-digit citizen ids to personal lookups only', () => {
    for (const event of events) {
      if (event.service === 'enterprise.lookup') expect(event.subjectId).toBeUndefined();
      if (event.service === 'citizen.lookup') expect(event.subjectId).toMatch(/^\d{12}$/);
    }
  });

  it('is quiet on a Sunday night', () => {
    const sundayNight = Date.parse('2026-11-22T19:00:00Z'); // 02:00 in Hanoi
    const night = generate(model, {
      fromMs: sundayNight,
      toMs: sundayNight + 3_600_000,
      scale: 0.1,
    });
    expect(night.length).toBeLessThan(events.length / 20);
  });
});

describe('generateEvents with incidents', () => {
  const window = { fromMs: FROM + 600_000, toMs: FROM + 1_800_000 };
  const inWindow = (e: TransactionEventV1) => {
    const at = Date.parse(e.occurredAt);
    return at >= window.fromMs && at < window.toMs;
  };
  const run = (incident: Incident) =>
    platformReports(generate(createTrafficModel({ incidents: [incident] }), { scale: 0.5 }));

  it('an outage fails every matching call in its window with UPSTREAM_UNAVAILABLE', () => {
    const calls = run({
      kind: 'outage',
      selector: { consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' },
      ...window,
    });
    const hit = calls.filter((e) => e.consumer === 'PROV-HNI.PORTAL' && e.provider === 'MPS.NPD');
    const during = hit.filter(inWindow);
    expect(during.length).toBeGreaterThan(50);
    expect(during.every((e) => e.errorCode === 'UPSTREAM_UNAVAILABLE')).toBe(true);
    const outside = [...hit.filter((e) => !inWindow(e)), ...calls.filter((e) => !hit.includes(e))];
    expect(outside.filter((e) => e.outcome === 'failure').length / outside.length).toBeLessThan(
      0.02,
    );
    expect(outside.some((e) => e.errorCode === 'UPSTREAM_UNAVAILABLE')).toBe(false);
  });

  it('a failures incident fails about its ratio of matching calls', () => {
    const during = run({
      kind: 'failures',
      failureRatio: 0.3,
      selector: { provider: 'VSS.INSURANCE' },
      ...window,
    }).filter((e) => e.provider === 'VSS.INSURANCE' && inWindow(e));
    const ratio = during.filter((e) => e.outcome === 'failure').length / during.length;
    expect(during.length).toBeGreaterThan(300);
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThan(0.37);
  });

  it('a slowdown multiplies latency and makes the slowest calls time out', () => {
    const calls = run({
      kind: 'slowdown',
      latencyFactor: 40,
      selector: { provider: 'MPS.NPD' },
      ...window,
    }).filter((e) => e.provider === 'MPS.NPD');
    const normal = median(calls.filter((e) => !inWindow(e)).map((e) => e.latencyMs ?? 0));
    const slow = calls.filter(inWindow);
    expect(median(slow.map((e) => e.latencyMs ?? 0)) / normal).toBeGreaterThan(30);
    expect(slow.some((e) => e.errorCode === 'TIMEOUT' && e.latencyMs === 30_000)).toBe(true);
  });
});
