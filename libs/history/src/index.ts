// The auditors' transaction history (issue 5): pure parts.
export { decodeCursor, encodeCursor, type HistoryPosition } from './history-cursor';
export { csvField, csvLine } from './csv';
export {
  HISTORY_FILTER_NAMES,
  positionOf,
  storedTimeMs,
  type HistoryFilters,
  type HistoryOrder,
  type HistoryRecord,
} from './history-record';
export {
  HISTORY_CSV_COLUMNS,
  exportFileName,
  exportHeader,
  exportLine,
  toHistoryItem,
  type ExportFormat,
  type HistoryItem,
} from './history-item';
export {
  HISTORY_FILTER_INPUTS,
  hasControlCharacters,
  loggedHistoryParameters,
  parseHistoryFilters,
  storedHistoryFilters,
  type HistoryFilterInput,
  type ParsedHistoryFilters,
} from './history-filters';
