import type { ErrorLogParams, Logger, WarnLogParams } from '@clickhouse/client';

/** Where the ClickHouse client's own warnings and errors go: the application's logger. */
export interface StorageLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * The client instantiates its logger itself, without arguments: a class bound to the
 * application's logger, so that what the client reports (a failed request, a socket it gave up
 * on) is one structured entry, not a line of its own on stderr. What the client passes is the
 * operation, the query id and the settings: never a bound value or an inserted row.
 */
export function clientLoggerFor(log: StorageLog): new () => Logger {
  return class ClickHouseClientLog implements Logger {
    trace(): void {}
    debug(): void {}
    info(): void {}
    warn({ module, message, args, err }: WarnLogParams): void {
      log.warn({ clickhouseClient: module, ...args, ...(err ? { err } : {}) }, message);
    }
    error({ module, message, args, err }: ErrorLogParams): void {
      log.error({ clickhouseClient: module, ...args, err }, message);
    }
  };
}
