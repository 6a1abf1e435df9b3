/**
 * What one insert costs by its size: the same 50,000 decoded records written through
 * `TransactionStore.insert` (raw table + the rollup views) in inserts of different sizes, and
 * into a copy of the raw table without views. A diagnostic for the ingest bench: the consumer
 * cuts one insert per partition, so with many partitions at a modest rate the inserts are small.
 *
 *   npm run build && node dist/bench/insert-batch-size.bench.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  SubjectPseudonymizer,
  type TransactionRecord,
  decodeTransactionMessage,
} from '@datashare/contract';
import { TransactionStore, applyMigrations, openClickHouse } from '@datashare/storage';
import { benchEvent } from './events';
import { BENCH_KEY, MAX_FUTURE_SKEW_MS } from './pipeline';

const ROWS = 50_000;
const SIZES = [500, 1_000, 2_500, 5_000, 12_500, 50_000];

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'datashare-bench-sizes-'));
  const db = await openClickHouse(
    { url: null, username: 'default', password: '', database: 'bench_sizes' },
    dataDir,
  );
  try {
    await applyMigrations(db, 'UTC');
    await db.client.command({
      query: `CREATE TABLE ${db.database}.transactions_without_views AS ${db.database}.transactions`,
    });
    const pseudonymizer = new SubjectPseudonymizer(BENCH_KEY);
    const base = Date.now() - 60 * 60_000;
    const nowMs = Date.now();
    const records: TransactionRecord[] = Array.from({ length: ROWS }, (_, n) => {
      const decoded = decodeTransactionMessage(benchEvent(n, base + n), {
        nowMs,
        maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
        pseudonymize: (id) => pseudonymizer.pseudonymize(id),
      });
      if (!decoded.ok) throw new Error(decoded.rejection.detail);
      return decoded.record;
    });
    const withViews = new TransactionStore(db);
    const columns = Object.keys(records[0] ?? {});
    let token = 0;
    const insertWithoutViews = (rows: TransactionRecord[]) =>
      db.client.insert({
        table: `${db.database}.transactions_without_views`,
        values: rows.map((r) => columns.map((c) => r[c as keyof TransactionRecord])),
        columns: columns as [string, ...string[]],
        format: 'JSONCompactEachRow',
        clickhouse_settings: { insert_deduplication_token: `s-${token++}` },
      });
    // One pass first, unmeasured: the first inserts into fresh tables are slower.
    await writeAll(records, 5_000, (rows) => withViews.insert(rows, `warm-${token++}`));

    console.log(`${ROWS.toLocaleString('en-US')} rows of the ingest bench's events per line\n`);
    console.log(
      '| Rows per insert | Inserts | ms per insert (raw + views) | rows/s (raw + views) | ms per insert (raw table only) |',
    );
    console.log('| --: | --: | --: | --: | --: |');
    for (const size of SIZES) {
      const full = await writeAll(records, size, (rows) =>
        withViews.insert(rows, `size-${token++}`),
      );
      const bare = await writeAll(records, size, insertWithoutViews);
      const inserts = Math.ceil(ROWS / size);
      console.log(
        `| ${size.toLocaleString('en-US')} | ${inserts} | ${(full / inserts).toFixed(1)} | ` +
          `${Math.round(ROWS / (full / 1000)).toLocaleString('en-US')} | ${(bare / inserts).toFixed(1)} |`,
      );
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes every record in inserts of `size`, one after another; returns the elapsed ms. */
async function writeAll(
  records: TransactionRecord[],
  size: number,
  insert: (rows: TransactionRecord[]) => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  for (let at = 0; at < records.length; at += size) await insert(records.slice(at, at + size));
  return performance.now() - started;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
