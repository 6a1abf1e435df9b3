import { DEFAULT_CATALOGUE, PLATFORMS, PROVIDERS } from './catalogue';
import { PROVINCES } from './provinces';
import {
  connectionRate,
  createTrafficModel,
  meanWeeklyRate,
  nationalRate,
  scaleForMeanRate,
} from './traffic-model';

const CODE = /^[A-Za-z0-9._-]{1,64}$/;
// Monday 23 November 2026, 10:00 in Hanoi.
const MONDAY_PEAK = Date.parse('2026-11-23T03:00:00Z');

describe('the default catalogue', () => {
  const consumers = DEFAULT_CATALOGUE.consumers;

  it('has 63 provinces, about 18 ministries and a few corporations, all codes distinct', () => {
    expect(PROVINCES).toHaveLength(63);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(63);
    expect(new Set(PROVINCES.map((p) => p.citizenIdPrefix)).size).toBe(63);
    expect(consumers.filter((c) => c.profile === 'province')).toHaveLength(63);
    expect(consumers.filter((c) => c.profile === 'ministry')).toHaveLength(18);
    expect(consumers.filter((c) => c.profile === 'corporate').length).toBeGreaterThanOrEqual(3);
    expect(new Set(consumers.map((c) => c.code)).size).toBe(consumers.length);
    expect(consumers.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'PROV-HNI.PORTAL',
        'PROV-HCM.PORTAL',
        'PROV-DNG.PORTAL',
        'MOJ.CIVIL',
      ]),
    );
  });

  it('uses codes the event contract accepts', () => {
    const codes = [...PLATFORMS, ...PROVIDERS.map((p) => p.code), ...consumers.map((c) => c.code)];
    for (const code of codes) expect(code).toMatch(CODE);
    for (const service of PROVIDERS.flatMap((p) => p.services)) {
      expect(service.name).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    }
  });
});

describe('createTrafficModel', () => {
  const model = createTrafficModel();

  it('builds connections whose shares sum to 1, on known platforms', () => {
    const total = model.connections.reduce((sum, c) => sum + c.share, 0);
    expect(total).toBeCloseTo(1, 9);
    for (const c of model.connections) expect(PLATFORMS).toContain(c.platform);
    expect(model.connections.find((c) => c.consumer === 'PROV-HNI.PORTAL')?.platform).toBe(
      'LGSP-HNI',
    );
  });

  it('sends most traffic to the National Population Database', () => {
    const byProvider = new Map<string, number>();
    for (const c of model.connections) {
      byProvider.set(c.provider, (byProvider.get(c.provider) ?? 0) + c.share);
    }
    const [top] = [...byProvider.entries()].sort((a, b) => b[1] - a[1]);
    expect(top?.[0]).toBe('MPS.NPD');
    expect(top?.[1]).toBeGreaterThan(0.5);
  });

  it('gives big provinces more traffic than small ones', () => {
    const rateOf = (consumer: string) =>
      model.connections
        .filter((c) => c.consumer === consumer)
        .reduce((sum, c) => sum + connectionRate(model, c, MONDAY_PEAK), 0);
    expect(rateOf('PROV-HCM.PORTAL')).toBeGreaterThan(10 * rateOf('PROV-BKN.PORTAL'));
  });

  it('reaches about the configured national rate at a weekday peak', () => {
    expect(nationalRate(model, MONDAY_PEAK)).toBeGreaterThan(18);
    expect(nationalRate(model, MONDAY_PEAK)).toBeLessThanOrEqual(20);
    const doubled = createTrafficModel({ peakEventsPerSecond: 40 });
    expect(nationalRate(doubled, MONDAY_PEAK)).toBeCloseTo(2 * nationalRate(model, MONDAY_PEAK));
  });

  it('computes the scale that yields a requested weekly mean rate', () => {
    const mean = meanWeeklyRate(model);
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(10);
    expect(scaleForMeanRate(model, mean / 4)).toBeCloseTo(0.25);
  });
});
