import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { BatchLimits, KafkaIngestConfig } from '@datashare/config';
import type { Clock } from '@datashare/clock';
import type { DecodeResult } from '@datashare/contract';
import type { IngestLedger, LedgerBatch } from '@datashare/storage';
import { cutReason } from './batch-cut';
import { batchToken } from './batch-token';
import { BatchAbandonedError, type IngestBatchWriter } from './batch-writer';
import type { IngestObserver } from './ingest-observer';
import { KafkaRangeReader } from './kafka-range-reader';
import { type PartitionSpan, PendingBatch, type SealedBatch } from './pending-batch';
import { type RecordedBatch, ReplayAssembly, recordedBatchAt } from './replay-assembly';

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
  /** Batches recorded before this generation that hold offsets of this partition, in order. */
  recorded: RecordedBatch[] | null = null;
  /** The partition's end as of the latest fetch. */
  highWatermark = 0n;
  /** The next offset to consume as committed (or, before the first commit, as started from). */
  committedOffset: bigint | null = null;

  constructor(readonly partition: number) {}
}

type PauseReason = 'retrying' | 'replay';

const HEARTBEAT_EVERY_MS = 3000;
const RANGE_READ_RETRY_MS = 5000;

/**
 * Consumes the transaction topic and gathers the messages of every partition it holds into one
 * batch, cut by rows, bytes and age: ClickHouse takes few large inserts far better than many
 * small ones (each insert writes a part to the raw table and to every rollup). Before a batch is
 * written its offsets are recorded in the ledger under its deduplication token; offsets are
 * committed only after the write. After a crash or a rebalance, the recorded batches past the
 * committed offsets are gathered again whole (reading the partitions now held elsewhere
 * directly) and written under the same token, so a batch is stored once whatever happened.
 */
export class KafkaIngestConsumer {
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private readonly rangeReader: KafkaRangeReader;
  private readonly partitions = new Map<number, PartitionState>();
  private assigned = new Set<number>();
  private generation = 0;
  /** The fresh messages of this generation, not yet cut. */
  private open = new PendingBatch();
  /** Recorded batches being gathered again, by token, in the order they were found. */
  private readonly assemblies = new Map<string, ReplayAssembly>();
  /** Recorded batches known to be stored (a partition of theirs was committed past them). */
  private readonly stored = new Set<string>();
  private readonly paused = new Map<number, Set<PauseReason>>();
  /** Writes run one after another, in the order their batches were cut. */
  private writeChain: Promise<void> = Promise.resolve();
  /**
   * Commits run one after another too (a later batch's offsets must never be overtaken by an
   * earlier one's), but apart from the writes: the next write need not wait for the broker to
   * acknowledge the previous commit. Never rejects.
   */
  private commitChain: Promise<void> = Promise.resolve();
  /** A write of this generation was abandoned: nothing after it may be committed. */
  private failedGeneration = -1;
  private draining = false;
  private stopDeadline = Number.POSITIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;

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
    this.admin = options.kafka.admin();
    this.rangeReader = new KafkaRangeReader(options.kafka, config.groupId);
    // A new generation restarts every partition from its committed offset: buffered messages
    // would arrive again, so they are dropped, and the ledger is read afresh.
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      this.generation++;
      this.partitions.clear();
      this.open = new PendingBatch();
      this.assemblies.clear();
      this.stored.clear();
      this.assigned = new Set(event.payload.memberAssignment[config.topic] ?? []);
      this.resumeAll();
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
    await this.admin.connect();
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
    await this.flush().catch(() => false);
    await this.writeChain;
    await this.commitChain;
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const generation = this.generation;
    const state = this.stateFor(batch.partition);
    state.highWatermark = BigInt(batch.highWatermark);
    const first = batch.messages[0];
    if (first === undefined) return;
    state.committedOffset ??= BigInt(first.offset);
    this.reportLag(state);
    // Only an await lets anything else run (a seek, a rebalance, stop()), so this is asked again
    // after each one, not before each message: per message, kafkajs's answer costs as much as
    // the rest of taking the message.
    const stillCurrent = () =>
      payload.isRunning() && !payload.isStale() && !this.draining && generation === this.generation;
    await this.withHeartbeats(payload, async () => {
      state.recorded ??= await this.loadRecorded(state, BigInt(first.offset), generation);
      let lastTaken: string | null = null;
      try {
        if (!stillCurrent()) return;
        for (const message of batch.messages) {
          const taken = this.accept(state, message);
          if (taken === true) {
            lastTaken = message.offset;
            continue;
          }
          if (taken === false || !(await taken)) return;
          lastTaken = message.offset;
          if (!stillCurrent()) return;
        }
      } finally {
        // The next fetch of the partition starts after the last message taken.
        if (lastTaken !== null) payload.resolveOffset(lastTaken);
      }
    });
  }

  /**
   * Takes one message; false when it must wait (or the generation's writes stopped). Answers at
   * once, without a promise, unless a batch is cut or replays are pending: this runs for every
   * message, and a promise each costs as much as the rest of it.
   */
  private accept(state: PartitionState, message: KafkaMessage): boolean | Promise<boolean> {
    if ((state.recorded?.length ?? 0) > 0 || this.assemblies.size > 0) {
      return this.acceptBesideReplays(state, message);
    }
    if (this.failedGeneration === this.generation) return false;
    const nowMs = this.options.clock.nowMs();
    this.open.add(
      this.options.decode(message.value),
      this.entryOf(state.partition, message, nowMs),
    );
    return this.mustCut(nowMs) ? this.flush() : true;
  }

  /** accept() while recorded batches of this generation are being gathered again. */
  private async acceptBesideReplays(
    state: PartitionState,
    message: KafkaMessage,
  ): Promise<boolean> {
    const { partition } = state;
    const entry = this.entryOf(partition, message, this.options.clock.nowMs());
    const { offset } = entry.position;
    const recorded = recordedBatchAt(state.recorded ?? [], partition, offset);
    if (recorded !== undefined) {
      if (this.stored.has(recorded.token)) return true;
      this.assemblyFor(recorded).add(this.options.decode(message.value), entry);
      return this.queueReadyReplays();
    }
    // Past the recorded offsets: spans that ended in a gap of this partition are over.
    for (const assembly of this.assemblies.values()) assembly.passed(partition, offset);
    if (!(await this.queueReadyReplays())) return false;
    if (this.awaitsReplay(partition)) {
      // A recorded batch holding earlier offsets of this partition waits for other partitions;
      // later offsets may not be written (and committed) before it.
      this.pause([partition], 'replay');
      return false;
    }
    this.open.add(this.options.decode(message.value), entry);
    return this.mustCut(entry.nowMs) ? this.flush() : true;
  }

  /** A message as a batch takes it: its bytes, where it came from, and when it was taken. */
  private entryOf(partition: number, message: KafkaMessage, nowMs: number) {
    return {
      payload: message.value,
      origin: {
        source: 'kafka' as const,
        topic: this.options.config.topic,
        partition,
        offset: message.offset,
      },
      position: { partition, offset: BigInt(message.offset) },
      nowMs,
    };
  }

  private mustCut(nowMs: number): boolean {
    if (cutReason(this.open, this.options.limits, nowMs) !== null) return true;
    let buffered = this.open.bytes;
    for (const assembly of this.assemblies.values()) buffered += assembly.bytes;
    return buffered >= this.options.limits.maxBufferedBytes;
  }

  private flushAged(): void {
    if (cutReason(this.open, this.options.limits, this.options.clock.nowMs()) !== 'age') return;
    this.flush().catch((error: unknown) =>
      this.options.logger.error({ err: error }, 'timed flush failed'),
    );
  }

  /** Cuts the open batch and queues its write. */
  private flush(): Promise<boolean> {
    if (this.open.rows === 0) return Promise.resolve(this.failedGeneration !== this.generation);
    const sealed = this.open.seal();
    return this.enqueueWrite(sealed, batchToken(this.options.config.topic, sealed.spans));
  }

  /**
   * Queues a batch's write behind the others and waits until the write before it is done, so
   * that the next batch fills while this one is written, and no more than that piles up. False
   * once a write of this generation was abandoned, since no later batch may then be committed.
   */
  private async enqueueWrite(sealed: SealedBatch, token: string): Promise<boolean> {
    const generation = this.generation;
    if (this.failedGeneration === generation) return false;
    const previous = this.writeChain;
    this.writeChain = previous.then(() => this.writeAndCommit(sealed, token, generation));
    await previous;
    return this.failedGeneration !== generation;
  }

  /** Writes a batch, then commits the offsets after it. Never rejects: failures are recorded. */
  private async writeAndCommit(
    sealed: SealedBatch,
    token: string,
    generation: number,
  ): Promise<void> {
    const partitions = sealed.spans.map((s) => s.partition);
    const current = () => generation === this.generation;
    if (this.failedGeneration === generation) return;
    try {
      await this.options.writer.write(
        sealed,
        { kafka: { topic: this.options.config.topic }, token },
        {
          stillOwner: current,
          shouldStop: () => this.options.clock.nowMs() > this.stopDeadline,
          onRetrying: () => {
            if (current()) this.pause(partitions, 'retrying');
          },
        },
      );
    } catch (error) {
      // Not written: the offsets are replayed by whoever holds the partitions next.
      if (current()) this.failedGeneration = generation;
      const level = error instanceof BatchAbandonedError ? 'info' : 'warn';
      this.options.logger[level]({ err: error, token }, 'batch not written; it will be replayed');
      return;
    } finally {
      if (current()) this.resume(partitions, 'retrying');
    }
    // Partitions reassigned meanwhile are their new holders' to commit (from the ledger).
    if (current()) {
      void this.queueCommit(sealed.spans.filter((s) => this.assigned.has(s.partition)));
    }
  }

  private queueCommit(spans: readonly PartitionSpan[]): Promise<void> {
    this.commitChain = this.commitChain.then(() => this.commit(spans));
    return this.commitChain;
  }

  private async commit(spans: readonly PartitionSpan[]): Promise<void> {
    if (spans.length === 0) return;
    const { topic } = this.options.config;
    try {
      await this.consumer.commitOffsets(
        spans.map((s) => ({ topic, partition: s.partition, offset: (s.last + 1n).toString() })),
      );
      for (const span of spans) {
        const state = this.partitions.get(span.partition);
        if (state === undefined) continue;
        state.committedOffset = span.last + 1n;
        this.reportLag(state);
      }
    } catch (error) {
      // Written under its token: a later commit covers it, or a replay drops it as a duplicate.
      this.options.logger.warn({ err: error, spans: describe(spans) }, 'offset commit failed');
    }
  }

  /**
   * The recorded batches this partition must replay, read when it is first fetched in a
   * generation, after this process's earlier writes ended (their intents are then in the
   * ledger). A batch is known stored when any of its partitions was committed past it: commits
   * follow writes, and a holder of that partition wrote it before anything later.
   */
  private async loadRecorded(
    state: PartitionState,
    fromOffset: bigint,
    generation: number,
  ): Promise<RecordedBatch[]> {
    await this.writeChain;
    await this.commitChain;
    const { topic, groupId } = this.options.config;
    const ledgerBatches = await this.options.ledger.batchesFrom(
      topic,
      state.partition,
      fromOffset.toString(),
    );
    if (ledgerBatches.length === 0) return [];
    const [committed] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const committedOf = new Map(
      (committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
    );
    const recorded = ledgerBatches.map(toRecordedBatch);
    let storedUpTo: PartitionSpan | null = null;
    for (const batch of recorded) {
      const known = batch.spans.some((s) => (committedOf.get(s.partition) ?? -1n) > s.last);
      if (!known) break;
      this.stored.add(batch.token);
      storedUpTo = batch.spans.find((s) => s.partition === state.partition) ?? storedUpTo;
    }
    this.options.logger.info(
      {
        topic,
        partition: state.partition,
        batches: recorded.map((b) => b.token),
        alreadyStored: recorded.filter((b) => this.stored.has(b.token)).length,
      },
      'replaying batches recorded before the last crash or rebalance',
    );
    // Offsets of batches known stored need no write; commit past them now.
    if (storedUpTo !== null && generation === this.generation) await this.queueCommit([storedUpTo]);
    return recorded;
  }

  /** The assembly of a recorded batch, started on first sight (reading what others hold). */
  private assemblyFor(recorded: RecordedBatch): ReplayAssembly {
    let assembly = this.assemblies.get(recorded.token);
    if (assembly === undefined) {
      assembly = new ReplayAssembly(recorded);
      this.assemblies.set(recorded.token, assembly);
      const elsewhere = recorded.spans.filter((s) => !this.assigned.has(s.partition));
      if (elsewhere.length > 0) this.readElsewhere(assembly, elsewhere, this.generation);
    }
    return assembly;
  }

  /** Reads the spans of a recorded batch that other members hold, retrying until it can. */
  private readElsewhere(
    assembly: ReplayAssembly,
    spans: PartitionSpan[],
    generation: number,
  ): void {
    const { topic } = this.options.config;
    const { logger } = this.options;
    const attempt = async (): Promise<void> => {
      const read = await this.rangeReader.read(topic, spans);
      if (generation !== this.generation || this.assemblies.get(assembly.token) !== assembly)
        return;
      const nowMs = this.options.clock.nowMs();
      for (const [partition, messages] of read.messages) {
        for (const message of messages) {
          assembly.add(this.options.decode(message.value), this.entryOf(partition, message, nowMs));
        }
        assembly.giveUpOn(partition);
      }
      if (read.gone.size > 0) {
        logger.warn(
          { token: assembly.token, partitions: [...read.gone] },
          'part of a recorded batch is no longer on the topic (retention); replaying the rest',
        );
      }
      await this.queueReadyReplays();
    };
    const retry = (error: unknown) => {
      if (generation !== this.generation || this.draining) return;
      logger.warn(
        { err: error, token: assembly.token },
        'reading a recorded batch failed; retrying',
      );
      setTimeout(() => void attempt().catch(retry), RANGE_READ_RETRY_MS);
    };
    void attempt().catch(retry);
  }

  /**
   * Queues the complete replays whose partitions have no earlier replay still pending, in the
   * order they were recorded: a later batch must not commit a partition past an earlier one.
   */
  private async queueReadyReplays(): Promise<boolean> {
    let queued = true;
    while (queued) {
      queued = false;
      for (const assembly of this.assemblies.values()) {
        if (!assembly.complete || this.precededOnAPartition(assembly)) continue;
        this.assemblies.delete(assembly.token);
        const released = this.releasable();
        const written = this.enqueueWrite(assembly.seal(), assembly.token);
        this.resume(released, 'replay');
        if (!(await written)) return false;
        queued = true;
        break;
      }
    }
    return this.failedGeneration !== this.generation;
  }

  private precededOnAPartition(assembly: ReplayAssembly): boolean {
    return assembly.recorded.spans.some((span) =>
      [...this.assemblies.values()].some(
        (other) =>
          other !== assembly &&
          other.recorded.spans.some((o) => o.partition === span.partition && o.first < span.first),
      ),
    );
  }

  private awaitsReplay(partition: number): boolean {
    return [...this.assemblies.values()].some((a) =>
      a.recorded.spans.some((s) => s.partition === partition),
    );
  }

  /** Partitions held back for replays that no pending assembly holds any more. */
  private releasable(): number[] {
    return [...this.paused]
      .filter(([partition, reasons]) => reasons.has('replay') && !this.awaitsReplay(partition))
      .map(([partition]) => partition);
  }

  /** Lag = the partition's end minus the committed position, at every fetch and commit. */
  private reportLag(state: PartitionState): void {
    if (state.committedOffset === null || !this.assigned.has(state.partition)) return;
    const lag = state.highWatermark - state.committedOffset;
    this.options.observer.partitionLag(
      this.options.config.topic,
      state.partition,
      Number(lag > 0n ? lag : 0n),
    );
  }

  private stateFor(partition: number): PartitionState {
    let state = this.partitions.get(partition);
    if (!state) {
      state = new PartitionState(partition);
      this.partitions.set(partition, state);
    }
    return state;
  }

  private pause(partitions: readonly number[], reason: PauseReason): void {
    const newly = partitions.filter((p) => {
      const reasons = this.paused.get(p) ?? new Set<PauseReason>();
      const was = reasons.size > 0;
      reasons.add(reason);
      this.paused.set(p, reasons);
      return !was;
    });
    if (newly.length > 0) {
      this.consumer.pause([{ topic: this.options.config.topic, partitions: newly }]);
    }
  }

  private resume(partitions: readonly number[], reason: PauseReason): void {
    const free = partitions.filter((p) => {
      const reasons = this.paused.get(p);
      if (reasons === undefined || !reasons.delete(reason)) return false;
      if (reasons.size > 0) return false;
      this.paused.delete(p);
      return true;
    });
    if (free.length > 0) {
      this.consumer.resume([{ topic: this.options.config.topic, partitions: free }]);
    }
  }

  private resumeAll(): void {
    const partitions = [...this.paused.keys()];
    this.paused.clear();
    if (partitions.length > 0) {
      this.consumer.resume([{ topic: this.options.config.topic, partitions }]);
    }
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

function toRecordedBatch(batch: LedgerBatch): RecordedBatch {
  return {
    token: batch.token,
    spans: batch.spans.map((s) => ({
      partition: s.partition,
      first: BigInt(s.firstOffset),
      last: BigInt(s.lastOffset),
    })),
  };
}

function describe(spans: readonly PartitionSpan[]): string {
  return spans.map((s) => `${s.partition}:${s.first}-${s.last}`).join(',');
}
