import type { DecodeResult, TransactionRecord } from '@datashare/contract';
import type { BatchFill } from './batch-cut';
import type { RejectedMessage, RejectionOrigin } from './rejected-message';

export interface OffsetSpan {
  first: bigint;
  last: bigint;
}

/** A batch that has been cut and is ready to be written. */
export interface SealedBatch {
  records: TransactionRecord[];
  rejected: RejectedMessage[];
  /** Kafka batches: the offset range the batch stands for (its dedup token is made of it). */
  span: OffsetSpan | null;
  /** Newest `occurredAt` among the records, epoch ms (for freshness). */
  newestOccurredAtMs: number | null;
  /** A range recorded in the ledger before: these messages were delivered once already. */
  replayed: boolean;
}

/** Messages decoded and gathered until the batch is cut. Pure state; no I/O. */
export class PendingBatch implements BatchFill {
  rows = 0;
  bytes = 0;
  openedAtMs = 0;
  /** A recorded (replayed) range this batch must match exactly, or null for a fresh batch. */
  replaySpan: OffsetSpan | null = null;
  private records: TransactionRecord[] = [];
  private rejected: RejectedMessage[] = [];
  private first: bigint | null = null;
  private last: bigint | null = null;
  private newestOccurredAtMs: number | null = null;

  add(
    result: DecodeResult,
    entry: { payload: Buffer | null; origin: RejectionOrigin; offset?: bigint; nowMs: number },
  ): void {
    if (this.rows === 0) this.openedAtMs = entry.nowMs;
    this.rows++;
    this.bytes += entry.payload?.length ?? 0;
    if (entry.offset !== undefined) {
      if (this.first === null) this.first = entry.offset;
      this.last = entry.offset;
    }
    if (result.ok) {
      this.records.push(result.record);
      if (this.newestOccurredAtMs === null || result.occurredAtMs > this.newestOccurredAtMs) {
        this.newestOccurredAtMs = result.occurredAtMs;
      }
    } else {
      this.rejected.push({
        origin: entry.origin,
        rejection: result.rejection,
        payload: entry.payload,
        receivedAtMs: entry.nowMs,
      });
    }
  }

  /** The offset of the newest message in the batch, if it came from Kafka. */
  get lastOffset(): bigint | null {
    return this.last;
  }

  /** Hands over the content and leaves this batch empty. */
  seal(): SealedBatch {
    const span =
      this.replaySpan ??
      (this.first !== null && this.last !== null ? { first: this.first, last: this.last } : null);
    const sealed: SealedBatch = {
      records: this.records,
      rejected: this.rejected,
      span,
      newestOccurredAtMs: this.newestOccurredAtMs,
      replayed: this.replaySpan !== null,
    };
    this.rows = 0;
    this.bytes = 0;
    this.openedAtMs = 0;
    this.replaySpan = null;
    this.records = [];
    this.rejected = [];
    this.first = null;
    this.last = null;
    this.newestOccurredAtMs = null;
    return sealed;
  }
}
