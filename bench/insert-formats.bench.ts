/**
 * Where ceiling B's insert time goes: the same 50,000 decoded records inserted into the embedded
 * ClickHouse in several input formats and table engines. A diagnostic for the ingest bench.
 *
 *   npm run build && node dist/bench/insert-formats.bench.js
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
const REPEATS = 5;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'datashare-bench-formats-'));
  const db = await openClickHouse(
    { url: null, username: 'default', password: '', database: 'bench_formats' },
    dataDir,
  );
  try {
    await applyMigrations(db, 'UTC');
    const table = `${db.database}.transactions`;
    await db.client.command({
      query: `CREATE TABLE ${db.database}.t_null AS ${table} ENGINE = Null`,
    });
    const pseudonymizer = new SubjectPseudonymizer(BENCH_KEY);
    const pseudonymize = (id: string) => pseudonymizer.pseudonymize(id);
    const base = Date.now() - 60 * 60_000;
    const values = Array.from({ length: ROWS }, (_, n) => benchEvent(n, base + n));
    const decodeAll = () => {
      const nowMs = Date.now();
      return values.map((value) => {
        const decoded = decodeTransactionMessage(value, {
          nowMs,
          maxFutureSkewMs: MAX_FUTURE_SKEW_MS,
          pseudonymize,
        });
        if (!decoded.ok) throw new Error(decoded.rejection.detail);
        return decoded.record;
      });
    };
    const records: TransactionRecord[] = decodeAll();
    const columns = Object.keys(records[0] ?? {}) as (keyof TransactionRecord)[];
    const compact = records.map((r) => columns.map((c) => r[c]));
    const tsv = `${records
      .map((r) => columns.map((c) => (r[c] === null ? '\\N' : String(r[c]))).join('\t'))
      .join('\n')}\n`;
    let token = 0;
    const settings = () => ({
      insert_deduplicate: 1 as const,
      insert_deduplication_token: `f-${token++}`,
    });

    const cases: [string, () => Promise<unknown>][] = [
      ['decode (validate, HMAC, map), JS', () => Promise.resolve(decodeAll())],
      [
        'JSON.stringify of the rows, JS',
        () => Promise.resolve(records.map((r) => JSON.stringify(r)).join('\n')),
      ],
      [
        'JSONEachRow → transactions (as TransactionStore did before JSONCompactEachRow)',
        () =>
          db.client.insert({
            table,
            values: records,
            format: 'JSONEachRow',
            clickhouse_settings: settings(),
          }),
      ],
      [
        'JSONEachRow → Null engine (parse only)',
        () =>
          db.client.insert({
            table: `${db.database}.t_null`,
            values: records,
            format: 'JSONEachRow',
          }),
      ],
      [
        'JSONCompactEachRow through the client → transactions (as TransactionStore did before)',
        () =>
          db.client.insert({
            table,
            values: compact,
            columns: columns as [string, ...string[]],
            format: 'JSONCompactEachRow',
            clickhouse_settings: settings(),
          }),
      ],
      [
        'TransactionStore.insert: JSONCompactEachRow encoded once, bytes to the engine (as now)',
        () => new TransactionStore(db).insert(records, `f-${token++}`),
      ],
      [
        'TabSeparated (string built beforehand) → transactions',
        () =>
          db.client.exec({
            query: `INSERT INTO ${table} (${columns.join(', ')}) FORMAT TabSeparated\n${tsv}`,
            clickhouse_settings: settings(),
          }),
      ],
    ];
    console.log(`${ROWS} rows of the ingest bench's events; median of ${REPEATS}\n`);
    console.log('| Step | ms per 50,000 | rows/s |\n| --- | --: | --: |');
    for (const [label, run] of cases) {
      const times: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const ms = times[Math.floor(REPEATS / 2)] ?? Number.NaN;
      console.log(
        `| ${label} | ${ms.toFixed(0)} | ${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} |`,
      );
    }
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
