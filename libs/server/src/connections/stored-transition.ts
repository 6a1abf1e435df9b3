import type { ConnectionKey, HealthTransition } from '@datashare/health';

/** A state change with the connection it belongs to: what the log stores and Kafka carries. */
export type StoredTransition = HealthTransition & { connection: ConnectionKey };
