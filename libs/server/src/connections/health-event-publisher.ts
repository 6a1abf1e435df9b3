import type { RawMessagePublisher } from '@datashare/kafka';
import { connectionLabel } from '@datashare/health';
import type { StoredTransition } from './stored-transition';

/**
 * Publishes state changes on KAFKA_HEALTH_TOPIC, keyed by connection so one connection's
 * changes stay in order. Without Kafka (the embedded default) there is nowhere to publish.
 */
export class HealthEventPublisher {
  constructor(private readonly publisher: RawMessagePublisher | null) {}

  async publish(transitions: readonly StoredTransition[]): Promise<void> {
    if (this.publisher === null || transitions.length === 0) return;
    await this.publisher.publish(
      transitions.map((t) => ({
        key: connectionLabel(t.connection),
        value: JSON.stringify({
          schemaVersion: 1,
          at: new Date(t.atMs).toISOString(),
          ...t.connection,
          state: t.state,
          previousState: t.previousState,
          rule: t.rule,
          reason: t.reason,
          figures: t.figures,
        }),
      })),
    );
  }

  async close(): Promise<void> {
    await this.publisher?.close();
  }
}
