/** Time behind an adapter, so that logic that depends on it can be tested with a fixed clock. */
export interface Clock {
  nowMs(): number;
}

export const systemClock: Clock = { nowMs: () => Date.now() };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const CLOCK = Symbol('CLOCK');
