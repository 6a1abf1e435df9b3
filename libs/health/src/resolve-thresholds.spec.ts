import fc from 'fast-check';
import type { ConnectionKey } from './connection';
import { resolveThresholds, stricterOf } from './resolve-thresholds';
import { EMPTY_HEALTH_THRESHOLDS_CONFIG, type HealthThresholdsConfig } from './thresholds-file';
import { DEFAULT_HEALTH_THRESHOLDS, STRICTER_VALUE, type HealthThresholds } from './thresholds';

const PORTAL_TO_NPD: ConnectionKey = {
  platform: 'NDXP',
  consumer: 'PROV-HNI.PORTAL',
  provider: 'MPS.NPD',
};

function config(partial: {
  defaults?: Partial<HealthThresholds>;
  agencies?: Record<string, Partial<HealthThresholds>>;
  connections?: HealthThresholdsConfig['connections'];
}): HealthThresholdsConfig {
  return {
    defaults: partial.defaults ?? {},
    agencies: new Map(Object.entries(partial.agencies ?? {})),
    connections: partial.connections ?? [],
  };
}

describe('resolveThresholds', () => {
  it('gives the built-in defaults without a file', () => {
    expect(resolveThresholds(EMPTY_HEALTH_THRESHOLDS_CONFIG, PORTAL_TO_NPD)).toEqual(
      DEFAULT_HEALTH_THRESHOLDS,
    );
  });

  it('stacks built-in < file defaults < agency < connection', () => {
    const layered = config({
      defaults: { silenceMs: 900_000, minVolume: 30, p95LatencyMs: 4_000 },
      agencies: { MPS: { minVolume: 10, p95LatencyMs: 2_000 } },
      connections: [{ connection: PORTAL_TO_NPD, thresholds: { p95LatencyMs: 1_000 } }],
    });
    expect(resolveThresholds(layered, PORTAL_TO_NPD)).toEqual({
      ...DEFAULT_HEALTH_THRESHOLDS,
      silenceMs: 900_000,
      minVolume: 10,
      p95LatencyMs: 1_000,
    });
  });

  it('applies an agency on either side of the connection, and to no other', () => {
    const strictNpd = config({ agencies: { MPS: { silenceMs: 300_000 } } });
    expect(resolveThresholds(strictNpd, PORTAL_TO_NPD).silenceMs).toBe(300_000);
    const reversed = { ...PORTAL_TO_NPD, consumer: 'MPS.NPD', provider: 'MOJ.CIVREG' };
    expect(resolveThresholds(strictNpd, reversed).silenceMs).toBe(300_000);
    const other = { platform: 'NDXP', consumer: 'PROV-HNI.PORTAL', provider: 'MOJ.CIVREG' };
    expect(resolveThresholds(strictNpd, other).silenceMs).toBe(600_000);
  });

  it('matches agency codes on whole segments, the more specific key winning on one side', () => {
    const nested = config({
      agencies: {
        MPS: { silenceMs: 300_000, minVolume: 10 },
        'MPS.NPD': { silenceMs: 420_000 },
        MP: { silenceMs: 60_000 },
      },
    });
    const npd = resolveThresholds(nested, PORTAL_TO_NPD);
    expect(npd.silenceMs).toBe(420_000); // MPS.NPD over MPS; "MP" is not a prefix segment
    expect(npd.minVolume).toBe(10);
    const vneid = { ...PORTAL_TO_NPD, provider: 'MPS.VNEID' };
    expect(resolveThresholds(nested, vneid).silenceMs).toBe(300_000);
  });

  it('takes the stricter value per field when both sides have overrides', () => {
    const both = config({
      agencies: {
        'PROV-HNI': { silenceMs: 300_000, targetSuccessRatio: 0.9, recoverAfter: 2, minVolume: 50 },
        MPS: { silenceMs: 420_000, targetSuccessRatio: 0.99, recoverAfter: 5, p95LatencyMs: 1_000 },
      },
    });
    expect(resolveThresholds(both, PORTAL_TO_NPD)).toEqual({
      ...DEFAULT_HEALTH_THRESHOLDS,
      silenceMs: 300_000, // lower is stricter
      targetSuccessRatio: 0.99, // higher is stricter
      recoverAfter: 5, // clearing later is stricter
      minVolume: 50, // only one side sets it
      p95LatencyMs: 1_000,
    });
  });

  it('lets a connection entry loosen what its agencies set', () => {
    const loosened = config({
      agencies: { MPS: { targetSuccessRatio: 0.99 } },
      connections: [{ connection: PORTAL_TO_NPD, thresholds: { targetSuccessRatio: 0.9 } }],
    });
    expect(resolveThresholds(loosened, PORTAL_TO_NPD).targetSuccessRatio).toBe(0.9);
  });

  it('matches a connection entry on all three codes', () => {
    const entry = config({
      connections: [{ connection: PORTAL_TO_NPD, thresholds: { minVolume: 5 } }],
    });
    expect(resolveThresholds(entry, { ...PORTAL_TO_NPD, platform: 'PROV-GW' }).minVolume).toBe(
      DEFAULT_HEALTH_THRESHOLDS.minVolume,
    );
  });

  it('is not fooled by codes that name Object.prototype members', () => {
    const odd = { platform: 'NDXP', consumer: 'constructor', provider: 'toString' };
    expect(resolveThresholds(EMPTY_HEALTH_THRESHOLDS_CONFIG, odd)).toEqual(
      DEFAULT_HEALTH_THRESHOLDS,
    );
  });
});

describe('stricterOf', () => {
  const fields = Object.keys(STRICTER_VALUE) as (keyof HealthThresholds)[];
  const partial = fc
    .array(fc.tuple(fc.constantFrom(...fields), fc.integer({ min: 1, max: 1_000_000 })))
    .map((entries) => Object.fromEntries(entries) as Partial<HealthThresholds>);

  it('does not depend on which side is the consumer', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => expect(stricterOf(a, b)).toEqual(stricterOf(b, a))),
    );
  });

  it('is at least as strict as either side on every field it sets', () => {
    fc.assert(
      fc.property(partial, partial, (a, b) => {
        const merged = stricterOf(a, b);
        for (const field of fields) {
          for (const side of [a, b]) {
            const mine = side[field];
            const theirs = merged[field];
            if (mine === undefined) continue;
            expect(theirs).toBeDefined();
            if (STRICTER_VALUE[field] === 'lower') expect(theirs).toBeLessThanOrEqual(mine);
            else expect(theirs).toBeGreaterThanOrEqual(mine);
          }
        }
      }),
    );
  });

  it('leaves a field unset that neither side sets', () => {
    expect(stricterOf({ minVolume: 5 }, {})).toEqual({ minVolume: 5 });
    expect(stricterOf({}, {})).toEqual({});
  });
});
