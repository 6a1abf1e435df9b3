export * from './transaction-event';
export * from './transaction-record';
export * from './rejection';
export * from './subject-pseudonymizer';
export {
  createDecoder,
  decodeTransactionMessage,
  decodeTransactionEvent,
  parseRfc3339,
} from './decode-transaction';
export type { DecodeOptions, DecodeResult } from './decode-transaction';
export { default as transactionEventV1Schema } from './transaction-event-v1.schema.json';
