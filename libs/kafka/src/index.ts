export { createKafkaClient, ensureTopics } from './kafka-client';
export { RawMessagePublisher } from './raw-message-publisher';
