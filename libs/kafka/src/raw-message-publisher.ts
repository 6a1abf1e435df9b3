import type { Kafka, Message, Producer } from 'kafkajs';

/**
 * Produces messages to one topic with acks from all in-sync replicas: the HTTP ingest
 * answers only after Kafka, the source of truth, has the events.
 */
export class RawMessagePublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
  }

  async publish(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    await this.connected;
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  }

  async close(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}
