import fc from 'fast-check';
import { backoffDelayMs, type RetryPolicy, retryUntilDone } from './retry';

const policy: RetryPolicy = { initialMs: 200, maxMs: 30_000 };

describe('backoffDelayMs', () => {
  it.each([
    [0, 0, 200],
    [0, 0.5, 200],
    [0, 0.99, 200],
    [1, 0.75, 300],
    [3, 0.5, 800],
    [3, 1, 1600],
    [7, 1, 25_600],
    [8, 1, 30_000],
    [10, 0.999, 29_970],
    [10, 0, 200],
    [1000, 0.5, 15_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, policy, random)).toBe(expected);
  });

  const policies = fc
    .tuple(fc.integer({ min: 1, max: 60_000 }), fc.integer({ min: 0, max: 600_000 }))
    .map(([initialMs, extra]): RetryPolicy => ({ initialMs, maxMs: initialMs + extra }));
  const randoms = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it('stays between initialMs and maxMs, and is an integer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), policies, randoms, (attempt, p, random) => {
        const delay = backoffDelayMs(attempt, p, random);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(p.initialMs);
        expect(delay).toBeLessThanOrEqual(p.maxMs);
      }),
    );
  });

  it('never shrinks as attempts grow, for the same random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        policies,
        randoms,
        (a, b, p, random) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(backoffDelayMs(low, p, random)).toBeLessThanOrEqual(
            backoffDelayMs(high, p, random),
          );
        },
      ),
    );
  });

  it('doubles its ceiling with each attempt until maxMs', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
      backoffDelayMs(attempt, { initialMs: 100, maxMs: 10_000 }, 1),
    );
    expect(ceilings).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
  });
});

describe('retryUntilDone', () => {
  interface Recorded {
    sleeps: number[];
    failures: [string, number, number][];
  }

  function hooks(stopAfterFailures = Infinity) {
    const recorded: Recorded = { sleeps: [], failures: [] };
    let failuresSeen = 0;
    return {
      recorded,
      hooks: {
        sleep: (ms: number) => {
          recorded.sleeps.push(ms);
          return Promise.resolve();
        },
        random: () => 0.75,
        onFailure: (error: unknown, attempt: number, delayMs: number) => {
          recorded.failures.push([(error as Error).message, attempt, delayMs]);
        },
        shouldStop: () => ++failuresSeen > stopAfterFailures,
      },
    };
  }

  function failingTimes(n: number, value: string) {
    let calls = 0;
    const operation = () => {
      calls++;
      return calls <= n ? Promise.reject(new Error(`failure ${calls}`)) : Promise.resolve(value);
    };
    return { operation, calls: () => calls };
  }

  it('returns at once when the first attempt succeeds, without waiting', async () => {
    const { recorded, hooks: h } = hooks();
    const op = failingTimes(0, 'done');
    await expect(retryUntilDone(op.operation, policy, h)).resolves.toBe('done');
    expect(op.calls()).toBe(1);
    expect(recorded).toEqual({ sleeps: [], failures: [] });
  });

  it('waits the longest delay at once after a permanent error, and still retries it', async () => {
    const { recorded, hooks: h } = hooks();
    const op = failingTimes(2, 'written after the fix');
    const permanent = {
      ...h,
      isPermanent: (error: unknown) => (error as Error).message === 'failure 1',
    };
    await expect(retryUntilDone(op.operation, policy, permanent)).resolves.toBe(
      'written after the fix',
    );
    expect(recorded.sleeps).toEqual([30_000, 300]);
  });

  it('succeeds after four failures, waiting a growing backoff between attempts', async () => {
    const { recorded, hooks: h } = hooks();
    const op = failingTimes(4, 'written');
    await expect(retryUntilDone(op.operation, policy, h)).resolves.toBe('written');
    expect(op.calls()).toBe(5);
    // random 0.75: ceilings 200, 400, 800, 1600 -> 150 (raised to 200), 300, 600, 1200.
    expect(recorded.sleeps).toEqual([200, 300, 600, 1200]);
    expect(recorded.failures).toEqual([
      ['failure 1', 1, 200],
      ['failure 2', 2, 300],
      ['failure 3', 3, 600],
      ['failure 4', 4, 1200],
    ]);
  });

  it('caps the waits at maxMs', async () => {
    const { recorded, hooks: h } = hooks();
    const op = failingTimes(6, 'ok');
    await retryUntilDone(op.operation, { initialMs: 100, maxMs: 500 }, { ...h, random: () => 1 });
    expect(recorded.sleeps).toEqual([100, 200, 400, 500, 500, 500]);
  });

  it('rethrows the last error, without reporting or waiting, once shouldStop is true', async () => {
    const { recorded, hooks: h } = hooks(2);
    const op = failingTimes(10, 'never');
    await expect(retryUntilDone(op.operation, policy, h)).rejects.toThrow('failure 3');
    expect(op.calls()).toBe(3);
    expect(recorded.sleeps).toEqual([200, 300]);
    expect(recorded.failures.map(([message, attempt]) => [message, attempt])).toEqual([
      ['failure 1', 1],
      ['failure 2', 2],
    ]);
  });

  it('rethrows the very first error when stopping already', async () => {
    const { recorded, hooks: h } = hooks(0);
    const error = new Error('down');
    await expect(retryUntilDone(() => Promise.reject(error), policy, h)).rejects.toBe(error);
    expect(recorded).toEqual({ sleeps: [], failures: [] });
  });

  it('retries an operation that throws synchronously inside its async body', async () => {
    const { recorded, hooks: h } = hooks();
    let calls = 0;
    const result = await retryUntilDone(
      // eslint-disable-next-line @typescript-eslint/require-await
      async () => {
        calls++;
        if (calls === 1) throw new Error('sync');
        return calls;
      },
      policy,
      h,
    );
    expect(result).toBe(2);
    expect(recorded.failures).toEqual([['sync', 1, 200]]);
  });
});
