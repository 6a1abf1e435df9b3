import { createRng, cumulativeSums, logNormal, pickCumulative, poisson } from './random';

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const fromA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(fromA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(fromA);
  });

  it('stays in [0, 1) with a mean near 0.5', () => {
    const rng = createRng(7);
    const draws = Array.from({ length: 20_000 }, rng);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((s, x) => s + x, 0) / draws.length).toBeCloseTo(0.5, 1);
  });
});

describe('poisson', () => {
  it.each([0.3, 4, 250])('has mean and variance close to %p', (mean) => {
    const rng = createRng(3);
    const draws = Array.from({ length: 20_000 }, () => poisson(rng, mean));
    const avg = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - avg) ** 2, 0) / draws.length;
    expect(Math.abs(avg - mean) / mean).toBeLessThan(0.05);
    expect(Math.abs(variance - mean) / mean).toBeLessThan(0.1);
    expect(draws.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('is zero for a zero mean', () => {
    expect(poisson(createRng(1), 0)).toBe(0);
  });
});

describe('logNormal', () => {
  it('has the requested median', () => {
    const rng = createRng(9);
    const draws = Array.from({ length: 10_001 }, () => logNormal(rng, 120, 0.6)).sort(
      (a, b) => a - b,
    );
    expect(draws[5_000]).toBeGreaterThan(114);
    expect(draws[5_000]).toBeLessThan(126);
  });
});

describe('pickCumulative', () => {
  it('picks indexes in proportion to their weights and never a zero weight', () => {
    const rng = createRng(5);
    const cumulative = cumulativeSums([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 8_000; i += 1) {
      const index = pickCumulative(rng, cumulative);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeGreaterThan(2.7);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeLessThan(3.3);
  });
});
