import type { TransactionEventV1 } from '@datashare/contract';
import { CompressionTypes, Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import { chunksOf, type EventSink } from './event-sink';

export interface KafkaEventSinkOptions {
  brokers: readonly string[];
  topic: string;
  clientId?: string;
  /** Messages per produce request. */
  batchSize?: number;
}

/** The part of a kafkajs producer the sink uses, so tests can pass a fake. */
export type EventProducer = Pick<Producer, 'send' | 'disconnect'>;

export const DEFAULT_KAFKA_BATCH = 5_000;

/**
 * Produces each event as a JSON message keyed by the consumer code, so one consumer's events
 * stay in order on one partition. acks = -1: a batch counts as sent only once all in-sync
 * replicas have it. Batches are gzipped: 5,000 plain events would exceed Kafka's default 1 MB
 * batch limit on a single-partition topic.
 */
export class KafkaEventSink implements EventSink {
  constructor(
    private readonly producer: EventProducer,
    private readonly topic: string,
    private readonly batchSize = DEFAULT_KAFKA_BATCH,
  ) {}

  static async connect(options: KafkaEventSinkOptions): Promise<KafkaEventSink> {
    const kafka = new Kafka({
      clientId: options.clientId ?? 'datashare-simulator',
      brokers: [...options.brokers],
      // Failures surface as rejected sends, which the runners report once; kafkajs would log each retry.
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    return new KafkaEventSink(producer, options.topic, options.batchSize);
  }

  async send(events: readonly TransactionEventV1[]): Promise<void> {
    for (const batch of chunksOf(events, this.batchSize)) {
      const messages: Message[] = batch.map((event) => ({
        key: event.consumer,
        value: JSON.stringify(event),
      }));
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages,
      });
    }
  }

  close(): Promise<void> {
    return this.producer.disconnect();
  }
}
