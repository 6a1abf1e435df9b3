import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';
import type { PartitionSpan } from './pending-batch';

/** What was read of each span; a partition in `gone` lost (part of) its span to retention. */
export interface RangeRead {
  messages: Map<number, KafkaMessage[]>;
  gone: Set<number>;
}

export class RangeReadTimeoutError extends Error {
  override readonly name = 'RangeReadTimeoutError';
}

/**
 * Reads given offsets of partitions this consumer does not hold, when a recorded batch spanned
 * them and must be gathered whole again. kafkajs cannot assign partitions by hand, so it reads
 * through a consumer of a group of its own that commits nothing (Kafka forgets such a group once
 * it is empty), seeks each partition to its span and leaves the others paused.
 */
export class KafkaRangeReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly groupPrefix: string,
  ) {}

  async read(
    topic: string,
    spans: readonly PartitionSpan[],
    timeoutMs = 60_000,
  ): Promise<RangeRead> {
    const messages = new Map<number, KafkaMessage[]>(spans.map((s) => [s.partition, []]));
    const gone = new Set<number>();
    const starts = await this.readableStarts(topic, spans, gone);
    const pending = new Set(starts.keys());
    if (pending.size === 0) return { messages, gone };

    const consumer = this.kafka.consumer({
      groupId: `${this.groupPrefix}.replay.${randomUUID()}`,
      maxWaitTimeInMs: 100,
      allowAutoTopicCreation: false,
      retry: { retries: 5 },
    });
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const spanOf = new Map(spans.map((s) => [s.partition, s]));
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: ({ batch }) => {
          const span = spanOf.get(batch.partition);
          const start = starts.get(batch.partition);
          if (span === undefined || start === undefined || !pending.has(batch.partition))
            return Promise.resolve();
          for (const message of batch.messages) {
            const offset = BigInt(message.offset);
            if (offset < start) continue;
            if (offset > span.last) break;
            messages.get(batch.partition)?.push(message);
          }
          const reached = BigInt(batch.lastOffset());
          // The partition ends before the span does: the rest of the span was never there.
          const end = BigInt(batch.highWatermark) - 1n;
          if (reached >= span.last || reached >= end) {
            pending.delete(batch.partition);
            if (pending.size === 0) finish();
          }
          return Promise.resolve();
        },
      });
      for (const [partition, start] of starts) {
        consumer.seek({ topic, partition, offset: start.toString() });
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new RangeReadTimeoutError(
                `partitions ${[...pending].join(', ')} of ${topic} were not read within ${timeoutMs} ms`,
              ),
            ),
          timeoutMs,
        );
      });
      try {
        await Promise.race([finished, timedOut]);
      } finally {
        clearTimeout(timer);
      }
      return { messages, gone };
    } finally {
      await consumer.disconnect();
    }
  }

  /** Where each span can still be read from; spans wholly removed by retention are `gone`. */
  private async readableStarts(
    topic: string,
    spans: readonly PartitionSpan[],
    gone: Set<number>,
  ): Promise<Map<number, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      const starts = new Map<number, bigint>();
      for (const span of spans) {
        const partition = offsets.find((o) => o.partition === span.partition);
        const low = BigInt(partition?.low ?? '0');
        const high = BigInt(partition?.high ?? '0');
        if (low > span.first) gone.add(span.partition);
        if (low > span.last || high <= span.first) continue;
        starts.set(span.partition, low > span.first ? low : span.first);
      }
      return starts;
    } finally {
      await admin.disconnect();
    }
  }
}
