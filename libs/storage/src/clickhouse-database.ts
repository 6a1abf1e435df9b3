import * as path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  type ClickHouseClient,
  type ClickHouseSettings,
  createClient,
  parseError,
} from '@clickhouse/client';
import type * as ChdbModule from 'chdb';
import type * as ChdbConnectionModule from 'chdb/connection';
import type { ClickHouseConfig } from '@datashare/config';
import { type StorageLog, clientLoggerFor } from './client-log';

/**
 * A ClickHouse client bound to one database. Every statement names its tables through
 * `database` (the embedded engine ignores the client's database option, and a USE would leak
 * across statements), so the same SQL runs on the embedded engine and on a server.
 */
export interface ClickHouseDatabase {
  readonly client: ClickHouseClient;
  readonly database: string;
  readonly mode: 'embedded' | 'server';
  /** The cluster the schema is replicated and sharded over, or null for one node. */
  readonly cluster: string | null;
  /** Writes rows already encoded in `format`: the one insert path of both modes. */
  insertEncoded(insert: EncodedInsert): Promise<void>;
  close(): Promise<void>;
}

export interface EncodedInsert {
  /** Qualified with its database. */
  table: string;
  columns?: readonly string[];
  format: 'JSONEachRow' | 'JSONCompactEachRow';
  /** One row per line, in `format`. */
  body: Buffer;
  settings: ClickHouseSettings;
}

type Insert = (insert: EncodedInsert) => Promise<void>;

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chdb implements the client's Connection contract, but declares it against the separately
 * published @clickhouse/client-common types, which the client bundles a copy of: the shapes
 * are the same, the declarations are not the same symbols.
 */
function embeddedEngine(dataPath: string): { connection: ClientConnection; insert: Insert } {
  // Loaded only in embedded mode: the engine's library alone costs about 150 MB of memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof ChdbConnectionModule;
  const connection = createChdbConnection({ path: dataPath });
  return {
    connection: connection as unknown as ClientConnection,
    // The connection's own insert turns the body into text and appends it to the statement;
    // handing the bytes to the engine as they are takes a sixth to a quarter less time per
    // insert (297 against 360 ms per 50,000 rows in bench/insert-formats.bench.ts; 2.0 against
    // 2.6 s for ceiling B's 300,000 in bench:ingest). The statement is the same either way:
    // INSERT INTO table (columns) SETTINGS … FORMAT format.
    insert: async ({ table, columns, format, body, settings }) => {
      try {
        await connection.chdb.rawInsert({
          table,
          format,
          values: body,
          ...(columns === undefined ? {} : { columns }),
          settings: settings as Record<string, string | number | boolean>,
        });
      } catch (error) {
        throw withEngineCode(error);
      }
    },
  };
}

/**
 * The engine's raw insert reports its failures with the engine's message (`Code: 252. DB::
 * Exception: …`) but not its code; the rest of the application decides by the numeric code, as
 * the client's errors carry it.
 */
function withEngineCode(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = /^Code: (\d+)\./.exec(message)?.[1];
  if (code === undefined) return error instanceof Error ? error : new Error(message);
  return Object.assign(parseError(message), { code, cause: error });
}

function serverInsert(client: ClickHouseClient): Insert {
  return async ({ table, columns, format, body, settings }) => {
    // The client's insert() serializes JSON rows itself; exec() sends encoded bytes as they are.
    const named = columns === undefined ? '' : ` (${columns.join(', ')})`;
    const result = await client.exec({
      query: `INSERT INTO ${table}${named} FORMAT ${format}`,
      values: Readable.from([body], { objectMode: false }),
      clickhouse_settings: settings,
    });
    result.stream.resume();
    await finished(result.stream);
  };
}

export async function openClickHouse(
  config: Omit<ClickHouseConfig, 'cluster'> & { cluster?: string | null },
  dataDir: string,
  /** Where the client's own warnings and errors go; without it, the client's stderr logger. */
  log?: StorageLog,
): Promise<ClickHouseDatabase> {
  const embedded = config.url ? null : embeddedEngine(path.join(dataDir, 'clickhouse'));
  const clientLog = log === undefined ? {} : { log: { LoggerClass: clientLoggerFor(log) } };
  const client = embedded
    ? createClient({ connection: embedded.connection, ...clientLog })
    : createClient({
        ...clientLog,
        url: config.url ?? undefined,
        username: config.username,
        password: config.password,
        request_timeout: 60_000,
        clickhouse_settings: { async_insert: 0 },
      });
  const onCluster = config.cluster ? ` ON CLUSTER '${config.cluster}'` : '';
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}${onCluster}` });
  return {
    client,
    database: config.database,
    mode: config.url ? 'server' : 'embedded',
    cluster: config.cluster ?? null,
    insertEncoded: embedded ? embedded.insert : serverInsert(client),
    close: async () => {
      await client.close();
      // The engine may still be finishing work the client gave up on, and defers destroying a
      // connection until that ends; a process that exits before then crashes in the engine's
      // teardown (SIGSEGV instead of its exit code).
      if (!config.url) await drainEmbeddedEngine();
    },
  };
}

function drainEmbeddedEngine(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { drainPending } = require('chdb') as typeof ChdbModule;
  return drainPending();
}
