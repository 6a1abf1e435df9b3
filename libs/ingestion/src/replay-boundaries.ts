import type { OffsetRange } from '@datashare/storage';

/**
 * Where the batches recorded in the ledger (written, or about to be written, before the last
 * crash or rebalance) end. The consumer must cut there again so that each replayed batch carries
 * the same deduplication token as the first attempt. Offsets are compared as BigInt: Kafka's are
 * 64-bit.
 */
export class ReplayBoundaries {
  private readonly ranges: { first: bigint; last: bigint }[];

  constructor(ranges: readonly OffsetRange[]) {
    this.ranges = ranges.map((r) => ({ first: BigInt(r.firstOffset), last: BigInt(r.lastOffset) }));
  }

  /** The recorded range that contains this offset, if any. */
  rangeOf(offset: bigint): { first: bigint; last: bigint } | undefined {
    return this.ranges.find((r) => r.first <= offset && offset <= r.last);
  }
}
