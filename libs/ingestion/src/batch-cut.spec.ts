import type { BatchLimits } from '@datashare/config';
import { cutReason } from './batch-cut';

describe('cutReason', () => {
  const limits: BatchLimits = {
    maxRows: 100,
    maxBytes: 10_000,
    maxWaitMs: 1000,
    maxBufferedBytes: 1e6,
  };
  const opened = 1_700_000_000_000;

  it('never cuts an empty batch, however old or large its counters', () => {
    expect(cutReason({ rows: 0, bytes: 0, openedAtMs: 0 }, limits, opened + 10 ** 9)).toBeNull();
    expect(
      cutReason({ rows: 0, bytes: 20_000, openedAtMs: opened }, limits, opened + 5000),
    ).toBeNull();
  });

  it('does not cut a batch under every limit', () => {
    expect(
      cutReason({ rows: 99, bytes: 9999, openedAtMs: opened }, limits, opened + 999),
    ).toBeNull();
  });

  it('cuts at the row limit', () => {
    expect(cutReason({ rows: 100, bytes: 10, openedAtMs: opened }, limits, opened)).toBe('rows');
    expect(cutReason({ rows: 101, bytes: 10, openedAtMs: opened }, limits, opened)).toBe('rows');
  });

  it('cuts at the byte limit', () => {
    expect(cutReason({ rows: 1, bytes: 10_000, openedAtMs: opened }, limits, opened)).toBe('bytes');
    expect(cutReason({ rows: 1, bytes: 50_000, openedAtMs: opened }, limits, opened)).toBe('bytes');
  });

  it('cuts by age exactly at maxWaitMs, not a millisecond before', () => {
    const fill = { rows: 1, bytes: 10, openedAtMs: opened };
    expect(cutReason(fill, limits, opened + 999)).toBeNull();
    expect(cutReason(fill, limits, opened + 1000)).toBe('age');
    expect(cutReason(fill, limits, opened + 60_000)).toBe('age');
  });

  it('prefers rows over bytes over age', () => {
    const late = opened + 5000;
    expect(cutReason({ rows: 100, bytes: 10_000, openedAtMs: opened }, limits, late)).toBe('rows');
    expect(cutReason({ rows: 5, bytes: 10_000, openedAtMs: opened }, limits, late)).toBe('bytes');
    expect(cutReason({ rows: 5, bytes: 10, openedAtMs: opened }, limits, late)).toBe('age');
  });

  it('cuts a one-row batch at once when maxRows is 1', () => {
    expect(
      cutReason({ rows: 1, bytes: 1, openedAtMs: opened }, { ...limits, maxRows: 1 }, opened),
    ).toBe('rows');
  });
});
