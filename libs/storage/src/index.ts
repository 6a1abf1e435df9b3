export type { ClickHouseDatabase } from './clickhouse-database';
export { openClickHouse } from './clickhouse-database';
export type { StorageLog } from './client-log';
export { applyMigrations, loadMigrations, splitStatements } from './migrations';
export type { Migration, MigrationReport, SchemaParameters } from './migrations';
export {
  assertRollupTimezone,
  projectExistingHistory,
  rebuildRollups,
  rollupDefinitions,
} from './traffic-rollups';
export type { RebuiltRollup, RollupDefinition } from './traffic-rollups';
export { applyRetention } from './retention';
export { indexExistingHistory } from './history-indexes';
export type { RetentionPolicy } from './retention';
export { classifyStoreError, storeErrorCode } from './store-errors';
export type { StoreErrorKind } from './store-errors';
export { TransactionStore, type TransactionRows, transactionRows } from './transaction-store';
export { RejectionStore } from './rejection-store';
export type { RejectionRow } from './rejection-store';
export { IngestLedger } from './ingest-ledger';
export type { LedgerBatch, LedgerSpan } from './ingest-ledger';
export { TrafficCounts } from './traffic-counts';
export type { PieceCount, TrafficFilters, TrafficGroupBy, TrafficPiece } from './traffic-counts';
export { TrafficSeries } from './traffic-series';
export type {
  TrafficSeriesGrain,
  TrafficSeriesRequest,
  TrafficSeriesRow,
  WholeDays,
} from './traffic-series';
export { ConnectionWindows, keyOf as connectionKeyOf, windowEndMs } from './connection-windows';
export type { ConnectionWindow, ConnectionWindowRequest } from './connection-windows';
export { HealthEventLog } from './health-event-log';
export type { HealthEvent, HealthEventQuery } from './health-event-log';
export { clusterStatements } from './cluster-ddl';
export { EXPORT_PAGE_RECORDS, TransactionHistory } from './transaction-history';
export type { HistoryPage, HistoryPageRequest, HistoryQuery } from './transaction-history';
export { AccessLog } from './access-log';
export type { AccessLogListRequest, AccessLogPage, AccessLogVerification } from './access-log';
