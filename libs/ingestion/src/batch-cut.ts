import type { BatchLimits } from '@datashare/config';

export type CutReason = 'rows' | 'bytes' | 'age';

export interface BatchFill {
  rows: number;
  bytes: number;
  /** When the first message entered the batch, in epoch ms. */
  openedAtMs: number;
}

/** Whether an open batch should be written now, and why. */
export function cutReason(fill: BatchFill, limits: BatchLimits, nowMs: number): CutReason | null {
  if (fill.rows === 0) return null;
  if (fill.rows >= limits.maxRows) return 'rows';
  if (fill.bytes >= limits.maxBytes) return 'bytes';
  if (nowMs - fill.openedAtMs >= limits.maxWaitMs) return 'age';
  return null;
}
