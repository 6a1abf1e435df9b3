import type { RejectedMessage } from './rejected-message';

/** Where rejected Kafka messages are re-published, untouched, with the reason in headers. */
export interface DeadLetterSink {
  publish(messages: readonly RejectedMessage[]): Promise<void>;
}
