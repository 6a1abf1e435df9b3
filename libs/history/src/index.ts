// The auditors' transaction history (issue 5): pure parts, not yet wired into the HTTP API.
export { decodeCursor, encodeCursor, type HistoryPosition } from './history-cursor';
export { csvField, csvLine } from './csv';
