import { generateEvents } from './generate-events';
import { growthFactor, YEAR_MS } from './growth';
import { createRng } from './random';
import { createTrafficModel, scaleForMeanRate } from './traffic-model';

describe('growthFactor', () => {
  const growth = { yearlyRatio: 0.67, referenceMs: Date.parse('2023-01-01T00:00:00Z') };

  it('is 1 at the reference, 1 + ratio a year later, and compounds', () => {
    expect(growthFactor(growth, growth.referenceMs)).toBe(1);
    expect(growthFactor(growth, growth.referenceMs + YEAR_MS)).toBeCloseTo(1.67, 10);
    expect(growthFactor(growth, growth.referenceMs + 2 * YEAR_MS)).toBeCloseTo(1.67 ** 2, 10);
    expect(growthFactor(growth, growth.referenceMs + YEAR_MS / 2)).toBeCloseTo(Math.sqrt(1.67));
  });

  it('is flat without growth', () => {
    expect(growthFactor({ yearlyRatio: 0, referenceMs: 0 }, 5 * YEAR_MS)).toBe(1);
  });
});

describe('growth in generated traffic', () => {
  it('makes 2024 carry about 1.67 times the transactions of 2023 at growth 0.67', () => {
    const from2023 = Date.parse('2023-01-01T00:00:00Z');
    const from2024 = Date.parse('2024-01-01T00:00:00Z');
    const from2025 = Date.parse('2025-01-01T00:00:00Z');
    const model = createTrafficModel({ growth: { yearlyRatio: 0.67, referenceMs: from2023 } });
    // About 30,000 transactions in 2023: enough for a ratio within 2 %, fast enough for a unit test.
    const scale = scaleForMeanRate(model, 0.001);
    const rng = createRng(2023);
    const count = (fromMs: number, toMs: number) => {
      let n = 0;
      for (const event of generateEvents(model, { fromMs, toMs, rng, scale })) {
        if (event.reportedBy === 'platform') n += 1;
      }
      return n;
    };
    const in2023 = count(from2023, from2024);
    const in2024 = count(from2024, from2025);
    expect(in2023).toBeGreaterThan(25_000);
    // 2024 is a leap year and has one weekday more, hence a ratio slightly above 1.67.
    expect(in2024 / in2023).toBeGreaterThan(1.67 * 0.97);
    expect(in2024 / in2023).toBeLessThan(1.67 * 1.04);
  });
});
