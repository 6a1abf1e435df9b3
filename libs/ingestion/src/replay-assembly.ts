import type { DecodeResult } from '@datashare/contract';
import {
  type MessagePosition,
  PendingBatch,
  type PartitionSpan,
  type SealedBatch,
} from './pending-batch';
import type { RejectionOrigin } from './rejected-message';

/** A batch the ledger recorded before it was written: its token and every partition's offsets. */
export interface RecordedBatch {
  token: string;
  spans: PartitionSpan[];
}

/**
 * Gathers the messages of a recorded batch again, from however many partitions it spanned, so
 * that it is written with exactly the token it was recorded with: if the first attempt was
 * stored, the replay is dropped as its duplicate; if not, the replay stores it. A partition's
 * span is complete when its last offset arrived, or a later offset showed that the rest of the
 * span is not on the topic any more (a gap, or retention).
 */
export class ReplayAssembly {
  private readonly batch = new PendingBatch();
  /** Partitions whose span has not been seen to its end: their last offset. */
  private readonly waiting = new Map<number, bigint>();

  constructor(readonly recorded: RecordedBatch) {
    for (const span of recorded.spans) this.waiting.set(span.partition, span.last);
  }

  get token(): string {
    return this.recorded.token;
  }

  /** Message bytes gathered so far. */
  get bytes(): number {
    return this.batch.bytes;
  }

  get complete(): boolean {
    return this.waiting.size === 0;
  }

  /** The partitions whose part has not arrived whole yet. */
  get waitingFor(): number[] {
    return [...this.waiting.keys()];
  }

  covers(partition: number, offset: bigint): boolean {
    const span = this.recorded.spans.find((s) => s.partition === partition);
    return span !== undefined && span.first <= offset && offset <= span.last;
  }

  add(
    result: DecodeResult,
    entry: {
      payload: Buffer | null;
      origin: RejectionOrigin;
      position: MessagePosition;
      nowMs: number;
    },
  ): void {
    const { partition, offset } = entry.position;
    if (!this.covers(partition, offset)) {
      throw new Error(`offset ${offset} of partition ${partition} is not in batch ${this.token}`);
    }
    // A message delivered again within one assembly (a re-fetch) is the same message.
    const last = this.batch.lastOffsetOf(partition);
    if (last !== null && offset <= last) return;
    this.batch.add(result, entry);
    this.passed(partition, offset);
  }

  /** An offset of this partition at or after the span's end was seen: the span is over. */
  passed(partition: number, offset: bigint): void {
    const last = this.waiting.get(partition);
    if (last !== undefined && offset >= last) this.waiting.delete(partition);
  }

  /** Nothing more of this partition's span can be read (its messages are gone from the topic). */
  giveUpOn(partition: number): void {
    this.waiting.delete(partition);
  }

  seal(): SealedBatch {
    return this.batch.seal(this.recorded.spans);
  }
}

/** Which recorded batch, if any, an offset of one partition belongs to. */
export function recordedBatchAt(
  batches: readonly RecordedBatch[],
  partition: number,
  offset: bigint,
): RecordedBatch | undefined {
  return batches.find((batch) =>
    batch.spans.some((s) => s.partition === partition && s.first <= offset && offset <= s.last),
  );
}
