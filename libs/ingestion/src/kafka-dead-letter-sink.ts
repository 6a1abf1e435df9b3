import type { IHeaders, Message } from 'kafkajs';
import type { RawMessagePublisher } from '@datashare/kafka';
import type { DeadLetterSink } from './dead-letter';
import type { RejectedMessage } from './rejected-message';

/**
 * Re-publishes rejected messages, byte for byte, to `<topic>.dlq` with the reason and the
 * source position in headers, so they can be inspected and replayed after a fix. Delivery is at
 * least once: a batch replayed after a crash publishes its dead letters again.
 */
export class KafkaDeadLetterSink implements DeadLetterSink {
  constructor(private readonly publisher: RawMessagePublisher) {}

  publish(messages: readonly RejectedMessage[]): Promise<void> {
    return this.publisher.publish(messages.map(toDeadLetter));
  }
}

function toDeadLetter(message: RejectedMessage): Message {
  const headers: IHeaders = {
    reason: message.rejection.detail,
    'reason-code': message.rejection.code,
    'rejected-at': new Date(message.receivedAtMs).toISOString(),
  };
  const origin = message.origin;
  switch (origin.source) {
    case 'kafka':
      headers['source-topic'] = origin.topic;
      headers['source-partition'] = String(origin.partition);
      headers['source-offset'] = origin.offset;
      break;
    case 'http':
      headers['source-request'] = origin.requestId;
      headers['source-item'] = String(origin.itemIndex);
      break;
  }
  return { value: message.payload, headers };
}
