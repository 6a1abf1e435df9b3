import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { BatchLimits, KafkaIngestConfig } from '@datashare/config';
import type { Clock } from '@datashare/clock';
import type { DecodeResult } from '@datashare/contract';
import type { IngestLedger } from '@datashare/storage';
import { cutReason } from './batch-cut';
import { BatchAbandonedError, type IngestBatchWriter } from './batch-writer';
import type { IngestObserver } from './ingest-observer';
import { type OffsetSpan, PendingBatch, type SealedBatch } from './pending-batch';
import { ReplayBoundaries } from './replay-boundaries';
import { SerialLane } from './serial-lane';

export interface KafkaIngestConsumerOptions {
  kafka: Kafka;
  config: KafkaIngestConfig;
  limits: BatchLimits;
  decode: (value: Buffer | null) => DecodeResult;
  writer: IngestBatchWriter;
  ledger: IngestLedger;
  clock: Clock;
  logger: Logger;
  observer: IngestObserver;
  /** Called when the consumer has stopped for good (kafkajs will not restart it). */
  onGaveUp?: (error: Error) => void;
  /** How long shutdown may spend flushing before it leaves the rest to be replayed. */
  shutdownFlushMs?: number;
}

class PartitionState {
  readonly batch = new PendingBatch();
  readonly lane = new SerialLane();
  boundaries: ReplayBoundaries | null = null;
  paused = false;
  /** The write in flight (never rejects); the next batch fills meanwhile. */
  lastWrite: Promise<void> = Promise.resolve();
  /** A write was abandoned: nothing after it may be committed in this generation. */
  failed = false;
  /** The partition's end as of the latest fetch. */
  highWatermark = 0n;
  /** The next offset to consume as committed (or, before the first commit, as started from). */
  committedOffset: bigint | null = null;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly generation: number,
  ) {}
}

const HEARTBEAT_EVERY_MS = 3000;

/**
 * Consumes the transaction topic in batches cut per partition by rows, bytes and age, and
 * commits a partition's offsets only after the batch that ends there was written with its
 * deduplication token. Offsets are resolved (the fetch position moves on) as messages are
 * buffered, but nothing is committed before the write: a crash replays from the last commit.
 */
export class KafkaIngestConsumer {
  private readonly consumer: Consumer;
  private readonly partitions = new Map<string, PartitionState>();
  private generation = 0;
  private draining = false;
  private stopDeadline = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  /** Message bytes in the open (not yet sealed) batches of this generation's partitions. */
  private openBytes = 0;

  constructor(private readonly options: KafkaIngestConsumerOptions) {
    const { config, limits } = options;
    this.consumer = options.kafka.consumer({
      groupId: config.groupId,
      maxWaitTimeInMs: config.fetchMaxWaitMs,
      maxBytesPerPartition: Math.min(limits.maxBytes, 8 * 1024 * 1024),
      // One fetch response is held whole in memory: keep it to a few batches' worth.
      maxBytes: 16 * 1024 * 1024,
      sessionTimeout: 30_000,
      heartbeatInterval: HEARTBEAT_EVERY_MS,
      allowAutoTopicCreation: false,
      retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    // A new generation restarts every partition from its committed offset: buffered messages
    // would arrive again, so they are dropped, and the ledger is read afresh.
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      this.generation++;
      this.partitions.clear();
      this.openBytes = 0;
      // Partitions may have moved to other members: their lag is theirs to report now.
      options.observer.assignmentChanged();
      options.logger.info(
        { generation: this.generation, assignment: event.payload.memberAssignment },
        'joined the consumer group',
      );
    });
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      options.logger.error({ err: error, restart }, 'consumer crashed');
      // kafkajs restarts after retriable errors; otherwise nothing will be consumed any more,
      // and a process that still answers its health checks would hide that.
      if (!restart && !this.draining) options.onGaveUp?.(error);
    });
  }

  async start(): Promise<void> {
    const { config } = this.options;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: config.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 2,
      eachBatch: (payload) => this.onBatch(payload),
    });
    const tick = Math.max(10, Math.min(250, Math.floor(this.options.limits.maxWaitMs / 4)));
    this.timer = setInterval(() => this.flushAged(), tick);
  }

  /** Flushes and commits what is buffered, then leaves the group. */
  async stop(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    this.stopDeadline = this.options.clock.nowMs() + (this.options.shutdownFlushMs ?? 20_000);
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled(
      [...this.partitions.values()].map(async (state) => {
        await state.lane.run(() =>
          isFlushable(state.batch) ? this.flush(state) : Promise.resolve(true),
        );
        await state.lastWrite;
      }),
    );
    await this.consumer.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const state = this.stateFor(batch.topic, batch.partition);
    state.highWatermark = BigInt(batch.highWatermark);
    const first = batch.messages[0];
    if (first !== undefined) state.committedOffset ??= BigInt(first.offset);
    this.reportLag(state);
    await this.withHeartbeats(payload, () =>
      state.lane.run(async () => {
        const first = batch.messages[0];
        if (first === undefined) return;
        state.boundaries ??= await this.loadBoundaries(state, first.offset);
        for (const message of batch.messages) {
          if (!payload.isRunning() || payload.isStale() || this.draining || !this.owns(state))
            return;
          if (!(await this.accept(state, message))) return;
          payload.resolveOffset(message.offset);
        }
      }),
    );
  }

  /** Adds one message; false when the partition was lost while writing. */
  private async accept(state: PartitionState, message: KafkaMessage): Promise<boolean> {
    const offset = BigInt(message.offset);
    const replay = state.boundaries?.rangeOf(offset) ?? null;
    const batch = state.batch;
    if (batch.rows > 0 && !sameSpan(batch.replaySpan, replay)) {
      if (!(await this.flush(state))) return false;
    }
    const nowMs = this.options.clock.nowMs();
    batch.replaySpan = replay;
    if (this.owns(state)) this.openBytes += message.value?.length ?? 0;
    batch.add(this.options.decode(message.value), {
      payload: message.value,
      origin: {
        source: 'kafka',
        topic: state.topic,
        partition: state.partition,
        offset: message.offset,
      },
      offset,
      nowMs,
    });
    const full = replay
      ? offset === replay.last
      : cutReason(batch, this.options.limits, nowMs) !== null ||
        this.openBytes >= this.options.limits.maxBufferedBytes;
    return full ? this.flush(state) : true;
  }

  private flushAged(): void {
    const nowMs = this.options.clock.nowMs();
    for (const state of this.partitions.values()) {
      if (!isFlushable(state.batch) || cutReason(state.batch, this.options.limits, nowMs) !== 'age')
        continue;
      void state.lane
        .run(() =>
          isFlushable(state.batch) &&
          cutReason(state.batch, this.options.limits, this.options.clock.nowMs()) !== null
            ? this.flush(state)
            : Promise.resolve(true),
        )
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'timed flush failed'));
    }
  }

  /**
   * Seals the open batch and hands it to the partition's write lane, so that the next batch is
   * fetched and decoded while this one is inserted. At most one write per partition is in flight:
   * a second flush waits for the first (backpressure). False once a write of this partition was
   * abandoned, since no later batch may then be committed.
   */
  private async flush(state: PartitionState): Promise<boolean> {
    await state.lastWrite;
    if (state.failed) return false;
    if (this.owns(state)) this.openBytes -= state.batch.bytes;
    const sealed = state.batch.seal();
    if (sealed.span !== null) state.lastWrite = this.writeAndCommit(state, sealed, sealed.span);
    return true;
  }

  /** Writes a batch, then commits the offset after it. Never rejects: failures mark the state. */
  private async writeAndCommit(
    state: PartitionState,
    sealed: SealedBatch,
    span: OffsetSpan,
  ): Promise<void> {
    const { topic, partition } = state;
    try {
      await this.options.writer.write(
        sealed,
        { kafka: { topic, partition }, token: `${topic}-${partition}-${span.first}-${span.last}` },
        {
          stillOwner: () => this.owns(state),
          shouldStop: () => this.options.clock.nowMs() > this.stopDeadline,
          onRetrying: () => this.pause(state),
        },
      );
    } catch (error) {
      // Not written: the range is replayed by whoever owns the partition next.
      state.failed = true;
      const level = error instanceof BatchAbandonedError ? 'info' : 'warn';
      this.options.logger[level](
        { err: error, topic, partition },
        'batch not written; it will be replayed',
      );
      return;
    } finally {
      this.resume(state);
    }
    try {
      await this.consumer.commitOffsets([
        { topic, partition, offset: (span.last + 1n).toString() },
      ]);
      state.committedOffset = span.last + 1n;
      this.reportLag(state);
    } catch (error) {
      // Written under its token: a later commit covers it, or a replay drops it as a duplicate.
      this.options.logger.warn({ err: error, topic, partition }, 'offset commit failed');
    }
  }

  /** Lag = the partition's end minus the committed position, at every fetch and commit. */
  private reportLag(state: PartitionState): void {
    if (state.committedOffset === null || !this.owns(state)) return;
    const lag = state.highWatermark - state.committedOffset;
    this.options.observer.partitionLag(state.topic, state.partition, Number(lag > 0n ? lag : 0n));
  }

  private async loadBoundaries(
    state: PartitionState,
    fromOffset: string,
  ): Promise<ReplayBoundaries> {
    const ranges = await this.options.ledger.rangesFrom(state.topic, state.partition, fromOffset);
    if (ranges.length > 0) {
      this.options.logger.info(
        { topic: state.topic, partition: state.partition, ranges },
        'replaying batches recorded before the last crash or rebalance',
      );
    }
    return new ReplayBoundaries(ranges);
  }

  private stateFor(topic: string, partition: number): PartitionState {
    const key = `${topic}:${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = new PartitionState(topic, partition, this.generation);
      this.partitions.set(key, state);
    }
    return state;
  }

  private owns(state: PartitionState): boolean {
    return state.generation === this.generation;
  }

  private pause(state: PartitionState): void {
    if (state.paused) return;
    state.paused = true;
    this.consumer.pause([{ topic: state.topic, partitions: [state.partition] }]);
  }

  private resume(state: PartitionState): void {
    if (!state.paused) return;
    state.paused = false;
    this.consumer.resume([{ topic: state.topic, partitions: [state.partition] }]);
  }

  /** Keeps the group membership alive while a long write holds up the batch. */
  private async withHeartbeats<T>(payload: EachBatchPayload, work: () => Promise<T>): Promise<T> {
    const beat = setInterval(() => {
      payload.heartbeat().catch((error: unknown) => {
        this.options.logger.debug({ err: error }, 'heartbeat failed during a write');
      });
    }, HEARTBEAT_EVERY_MS);
    try {
      return await work();
    } finally {
      clearInterval(beat);
    }
  }
}

/**
 * A replayed range is written only whole: cut short (by age, or at shutdown) it would carry the
 * whole range's token, and the rest of the range, arriving later under the same token, would be
 * dropped as a duplicate. It is cut when its last offset arrives or a later offset shows a gap.
 */
function isFlushable(batch: PendingBatch): boolean {
  return (
    batch.rows > 0 && (batch.replaySpan === null || batch.lastOffset === batch.replaySpan.last)
  );
}

function sameSpan(
  a: { first: bigint; last: bigint } | null,
  b: { first: bigint; last: bigint } | null,
): boolean {
  return a === b || (a !== null && b !== null && a.first === b.first && a.last === b.last);
}
