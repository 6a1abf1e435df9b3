import pino, { type Logger } from 'pino';
import type { AppConfig } from '@datashare/config';

/**
 * Paths that may carry personal data or secrets. Events are never logged whole, but a
 * mistake must not put a subject identifier in the logs: pino removes these before writing.
 */
export const REDACTED_PATHS = [
  'subjectId',
  '*.subjectId',
  '*.*.subjectId',
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
];

export function createLogger(config: Pick<AppConfig, 'logLevel'>, name: string): Logger {
  return pino({
    name,
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: name },
  });
}
