import type { DecodeResult } from '@datashare/contract';
import { type TransactionRows, transactionRows } from '@datashare/storage';
import type { BatchFill } from './batch-cut';
import { ConnectionOutcomes } from './connection-outcomes';
import type { RejectedMessage, RejectionOrigin } from './rejected-message';

/** The offsets of one Kafka partition that a batch holds, first to last. */
export interface PartitionSpan {
  partition: number;
  first: bigint;
  last: bigint;
}

/** Where a Kafka message sits; absent for messages fed in-process. */
export interface MessagePosition {
  partition: number;
  offset: bigint;
}

/** A batch that has been cut and is ready to be written. */
export interface SealedBatch {
  /** The accepted records, encoded for the insert as they came. */
  rows: TransactionRows;
  /** The platform's reports among them, by connection and outcome. */
  outcomes: ConnectionOutcomes;
  rejected: RejectedMessage[];
  /** Kafka batches: each partition's offsets in the batch, by partition (empty in-process). */
  spans: PartitionSpan[];
  /** Newest `occurredAt` among the records, epoch ms (for freshness). */
  newestOccurredAtMs: number | null;
  /** A batch recorded in the ledger before: these messages were delivered once already. */
  replayed: boolean;
}

/** Messages decoded and gathered until the batch is cut. Pure state; no I/O. */
export class PendingBatch implements BatchFill {
  rows = 0;
  bytes = 0;
  openedAtMs = 0;
  private encoded = transactionRows();
  private outcomes = new ConnectionOutcomes();
  private rejected: RejectedMessage[] = [];
  private spans = new Map<number, { first: bigint; last: bigint }>();
  private newestOccurredAtMs: number | null = null;

  add(
    result: DecodeResult,
    entry: {
      payload: Buffer | null;
      origin: RejectionOrigin;
      position?: MessagePosition;
      nowMs: number;
    },
  ): void {
    if (this.rows === 0) this.openedAtMs = entry.nowMs;
    this.rows++;
    this.bytes += entry.payload?.length ?? 0;
    if (entry.position !== undefined) {
      const { partition, offset } = entry.position;
      const span = this.spans.get(partition);
      if (span === undefined) this.spans.set(partition, { first: offset, last: offset });
      else span.last = offset;
    }
    if (result.ok) {
      this.encoded.add(result.record);
      this.outcomes.add(result.record);
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

  /** The newest offset of a partition in the batch, if it holds any. */
  lastOffsetOf(partition: number): bigint | null {
    return this.spans.get(partition)?.last ?? null;
  }

  /** Whether the batch holds messages of this partition. */
  holds(partition: number): boolean {
    return this.spans.has(partition);
  }

  /**
   * Hands over the content and leaves this batch empty. A replayed batch takes the spans it was
   * recorded with, whatever arrived of them: its token must be the one it was first written with.
   */
  seal(recorded: PartitionSpan[] | null = null): SealedBatch {
    const spans =
      recorded ??
      [...this.spans].map(([partition, { first, last }]) => ({ partition, first, last }));
    const sealed: SealedBatch = {
      rows: this.encoded,
      outcomes: this.outcomes,
      rejected: this.rejected,
      spans: spans.sort((a, b) => a.partition - b.partition),
      newestOccurredAtMs: this.newestOccurredAtMs,
      replayed: recorded !== null,
    };
    this.rows = 0;
    this.bytes = 0;
    this.openedAtMs = 0;
    this.encoded = transactionRows();
    this.outcomes = new ConnectionOutcomes();
    this.rejected = [];
    this.spans = new Map();
    this.newestOccurredAtMs = null;
    return sealed;
  }
}

/** A batch of rejections alone (HTTP items refused before they reach Kafka). */
export function rejectionsOnly(rejected: RejectedMessage[]): SealedBatch {
  return {
    rows: transactionRows(),
    outcomes: new ConnectionOutcomes(),
    rejected,
    spans: [],
    newestOccurredAtMs: null,
    replayed: false,
  };
}
