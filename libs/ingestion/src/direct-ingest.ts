import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { BatchLimits } from '@datashare/config';
import type { Clock } from '@datashare/clock';
import type { DecodeResult } from '@datashare/contract';
import { cutReason } from './batch-cut';
import type { IngestBatchWriter } from './batch-writer';
import { PendingBatch, type SealedBatch } from './pending-batch';
import type { RejectionOrigin } from './rejected-message';
import { SerialLane } from './serial-lane';

export interface DecodedItem {
  result: DecodeResult;
  payload: Buffer | null;
  origin: RejectionOrigin;
}

/** Too much is waiting to be written: the caller should come back later (HTTP 503). */
export class IngestOverloadedError extends Error {
  override readonly name = 'IngestOverloadedError';
}

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The pipeline of the embedded default, fed in-process (HTTP ingest, the built-in simulator)
 * instead of by Kafka. Same cutting, same writer; a submission resolves once the batch that
 * holds it is stored. With no offsets to name a batch, its token is a digest of its content (the
 * encoded records, the rejections' origins), so the same records submitted twice are stored once.
 */
export class DirectIngest {
  private batch = new PendingBatch();
  private waiters: Waiter[] = [];
  private readonly lane = new SerialLane();
  private pendingRows = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(
    private readonly writer: IngestBatchWriter,
    private readonly limits: BatchLimits,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  start(): void {
    const tick = Math.max(10, Math.min(250, Math.floor(this.limits.maxWaitMs / 4)));
    this.timer = setInterval(() => {
      if (cutReason(this.batch, this.limits, this.clock.nowMs()) !== null) this.scheduleFlush();
    }, tick);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.lane.run(() => this.flush());
  }

  submit(items: readonly DecodedItem[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    if (this.stopping)
      return Promise.reject(new IngestOverloadedError('the monitor is shutting down'));
    if (this.pendingRows + items.length > this.limits.maxRows * 4) {
      return Promise.reject(
        new IngestOverloadedError(
          `${this.pendingRows} items are waiting to be stored; try again shortly`,
        ),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const nowMs = this.clock.nowMs();
      for (const item of items) this.batch.add(item.result, { ...item, nowMs });
      this.pendingRows += items.length;
      this.waiters.push({ resolve, reject });
      // Full batches go at once; a batch that is merely old waits for the timer.
      const reason = cutReason(this.batch, this.limits, nowMs);
      if (reason === 'rows' || reason === 'bytes') this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    this.lane
      .run(() => this.flush())
      .catch((error: unknown) => this.logger.error({ err: error }, 'in-process flush failed'));
  }

  private async flush(): Promise<void> {
    if (this.batch.rows === 0) return;
    const rows = this.batch.rows;
    const sealed = this.batch.seal();
    const waiters = this.waiters;
    this.waiters = [];
    try {
      await this.writer.write(
        sealed,
        { kafka: null, token: `direct-${digestOf(sealed)}` },
        { stillOwner: () => true, shouldStop: () => this.stopping, onRetrying: () => undefined },
      );
      waiters.forEach((w) => w.resolve());
    } catch (error) {
      waiters.forEach((w) => w.reject(error));
    } finally {
      this.pendingRows -= rows;
    }
  }
}

function digestOf(batch: SealedBatch): string {
  const hash = createHash('sha256');
  hash.update(batch.rows.body());
  for (const r of batch.rejected) hash.update(`${JSON.stringify(r.origin)}|${r.rejection.code}\n`);
  return hash.digest('hex');
}
