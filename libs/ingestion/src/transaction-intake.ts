import { randomUUID } from 'node:crypto';
import type { Message } from 'kafkajs';
import type { RawMessagePublisher } from '@datashare/kafka';
import type { Clock } from '@datashare/clock';
import type { DecodeResult, RejectionCode } from '@datashare/contract';
import type { IngestBatchWriter } from './batch-writer';
import type { DecodedItem, DirectIngest } from './direct-ingest';
import type { RejectedMessage } from './rejected-message';
import { rejectionsOnly } from './pending-batch';
import type { BodyItem } from './ingest-body';

export interface IntakeResult {
  accepted: number;
  rejected: { index: number; code: RejectionCode; reason: string }[];
}

/** Where the accepted events of an HTTP request go: to Kafka, or straight into the pipeline. */
export type IntakeRoute =
  | { mode: 'kafka'; publisher: RawMessagePublisher; writer: IngestBatchWriter }
  | { mode: 'direct'; pipeline: DirectIngest };

/**
 * Ingest for platforms that cannot speak Kafka. Items are validated as the consumer would; with
 * Kafka configured the accepted ones are produced to the topic (the log stays the source of
 * truth, and the consumer stores them); without it they are fed to the in-process pipeline.
 * Rejected items are answered with their index and reason, and kept aside like any other.
 */
export class TransactionIntake {
  constructor(
    private readonly route: IntakeRoute,
    private readonly decode: (value: Buffer | null) => DecodeResult,
    private readonly clock: Clock,
  ) {}

  /**
   * `source` names the caller for the record (an HTTP request id, the simulator); each call gets
   * its own intake id as well, since a client may reuse its request ids.
   */
  async ingest(items: readonly BodyItem[], source: string): Promise<IntakeResult> {
    const requestId = `${source.slice(0, 64)}/${randomUUID()}`;
    const decoded: (DecodedItem & { index: number })[] = items.map((item) => ({
      index: item.index,
      result: this.decode(item.payload),
      payload: item.payload,
      origin: { source: 'http', requestId, itemIndex: item.index },
    }));
    const rejected = decoded.flatMap((item) =>
      item.result.ok
        ? []
        : [
            {
              index: item.index,
              code: item.result.rejection.code,
              reason: item.result.rejection.detail,
            },
          ],
    );
    await this.store(decoded, requestId);
    return { accepted: decoded.length - rejected.length, rejected };
  }

  private async store(decoded: readonly DecodedItem[], requestId: string): Promise<void> {
    const route = this.route;
    switch (route.mode) {
      case 'direct':
        return route.pipeline.submit(decoded);
      case 'kafka': {
        const messages: Message[] = [];
        const refused: RejectedMessage[] = [];
        const receivedAtMs = this.clock.nowMs();
        for (const { result, payload, origin } of decoded) {
          // Keyed by requesting system, so one connection's events stay in order on one partition.
          if (result.ok) messages.push({ key: result.record.consumer, value: payload });
          else refused.push({ origin, rejection: result.rejection, payload, receivedAtMs });
        }
        await route.publisher.publish(messages);
        if (refused.length === 0) return;
        await route.writer.write(
          rejectionsOnly(refused),
          { kafka: null, token: `http-${requestId}` },
          { stillOwner: () => true, shouldStop: () => true, onRetrying: () => undefined },
        );
      }
    }
  }
}
