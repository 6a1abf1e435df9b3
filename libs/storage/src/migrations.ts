import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { ClickHouseDatabase } from './clickhouse-database';
import { clusterStatements } from './cluster-ddl';
import { insertRows } from './row-writer';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** What the migration files leave open: filled in from configuration when they are applied. */
export interface SchemaParameters {
  /** `{{db}}` */
  database: string;
  /** `{{report_timezone}}`: the zone whose calendar days the day rollup counts. */
  reportTimezone: string;
}

/** Reads the numbered SQL files and fills in their parameters. */
export function loadMigrations(parameters: SchemaParameters, dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((file) => {
      const [, version, name] = FILE_NAME.exec(file) as RegExpExecArray;
      const text = readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(version),
        name: name as string,
        statements: splitStatements(
          text
            .replaceAll('{{db}}', parameters.database)
            .replaceAll('{{report_timezone}}', parameters.reportTimezone),
        ),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/** Splits on semicolons that end a line; the migration files keep one statement per block. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement.length > 0);
}

export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
}

/**
 * Applies what is not yet recorded in schema_migrations. Every statement is idempotent
 * (IF NOT EXISTS), so a run cut short between a statement and its record is safe to repeat.
 */
export async function applyMigrations(
  db: ClickHouseDatabase,
  reportTimezone: string,
): Promise<MigrationReport> {
  for (const query of forTopology(db, [
    `CREATE TABLE IF NOT EXISTS ${db.database}.schema_migrations
(version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
ENGINE = ReplacingMergeTree ORDER BY version`,
  ])) {
    await db.client.command({ query });
  }
  const done = await appliedVersions(db);
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of loadMigrations({ database: db.database, reportTimezone })) {
    const recorded = done.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new Error(
          `migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`,
        );
      }
      report.alreadyApplied.push(migration.version);
      continue;
    }
    for (const statement of forTopology(db, migration.statements)) {
      await db.client.command({ query: statement });
    }
    await insertRows(
      db,
      'schema_migrations',
      [{ version: migration.version, name: migration.name, checksum: migration.checksum }],
      `migration-${migration.version}-${migration.checksum}`,
    );
    report.applied.push(migration.version);
  }
  return report;
}

/** The statements as written for one node, or their cluster variant (cluster-ddl.ts). */
function forTopology(db: ClickHouseDatabase, statements: readonly string[]): string[] {
  const cluster = db.cluster;
  return cluster === null
    ? [...statements]
    : statements.flatMap((statement) => clusterStatements(statement, cluster));
}

async function appliedVersions(db: ClickHouseDatabase): Promise<Map<number, string>> {
  const result = await db.client.query({
    query: `SELECT version, checksum FROM ${db.database}.schema_migrations FINAL`,
    format: 'JSONEachRow',
  });
  const rows = await result.json<{ version: number; checksum: string }>();
  return new Map(rows.map((row) => [Number(row.version), row.checksum]));
}
