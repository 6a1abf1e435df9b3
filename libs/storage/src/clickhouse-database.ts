import * as path from 'node:path';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type * as ChdbModule from 'chdb';
import type * as ChdbConnectionModule from 'chdb/connection';
import type { ClickHouseConfig } from '@datashare/config';

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
  close(): Promise<void>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/**
 * chdb implements the client's Connection contract, but declares it against the separately
 * published @clickhouse/client-common types, which the client bundles a copy of: the shapes
 * are the same, the declarations are not the same symbols.
 */
function embeddedConnection(dataPath: string): ClientConnection {
  // Loaded only in embedded mode: the engine's library alone costs about 150 MB of memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createChdbConnection } = require('chdb/connection') as typeof ChdbConnectionModule;
  return createChdbConnection({ path: dataPath }) as unknown as ClientConnection;
}

export async function openClickHouse(
  config: Omit<ClickHouseConfig, 'cluster'> & { cluster?: string | null },
  dataDir: string,
): Promise<ClickHouseDatabase> {
  const client = config.url
    ? createClient({
        url: config.url,
        username: config.username,
        password: config.password,
        request_timeout: 60_000,
        clickhouse_settings: { async_insert: 0 },
      })
    : createClient({ connection: embeddedConnection(path.join(dataDir, 'clickhouse')) });
  const onCluster = config.cluster ? ` ON CLUSTER '${config.cluster}'` : '';
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${config.database}${onCluster}` });
  return {
    client,
    database: config.database,
    mode: config.url ? 'server' : 'embedded',
    cluster: config.cluster ?? null,
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
