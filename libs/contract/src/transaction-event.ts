/** The event contract v1, as producers send it (see docs/event-contract.md). */
export type ReportingParty = 'platform' | 'consumer' | 'provider';
export type Outcome = 'success' | 'failure';

export interface TransactionEventV1 {
  schemaVersion: 1;
  transactionId: string;
  reportedBy?: ReportingParty;
  occurredAt: string;
  platform: string;
  consumer: string;
  provider: string;
  service: string;
  outcome: Outcome;
  errorCode?: string;
  latencyMs?: number;
  requestBytes?: number;
  responseBytes?: number;
  subjectId?: string;
}

export const SUPPORTED_SCHEMA_VERSION = 1;
export const MAX_MESSAGE_BYTES = 1024 * 1024;
