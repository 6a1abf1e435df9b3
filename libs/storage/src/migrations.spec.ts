import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadMigrations, splitStatements } from './migrations';
import { rollupDefinitions } from './traffic-rollups';

describe('splitStatements', () => {
  it('splits on semicolons that end a line', () => {
    expect(splitStatements('CREATE TABLE a (x UInt8);\nCREATE TABLE b (y UInt8);\n')).toEqual([
      'CREATE TABLE a (x UInt8)',
      'CREATE TABLE b (y UInt8)',
    ]);
  });

  it('splits on a final semicolon without a newline, and on one followed by spaces', () => {
    expect(splitStatements('SELECT 1;   \nSELECT 2;')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1;\nSELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('does not split on a semicolon inside a line', () => {
    expect(splitStatements("SELECT ';' AS s, 1;\n")).toEqual(["SELECT ';' AS s, 1"]);
  });

  it('drops comment lines, including indented ones, and keeps the rest of a statement', () => {
    const sql = [
      '-- header comment',
      '-- another; with a semicolon',
      'CREATE TABLE t',
      '(',
      '    -- the key',
      '    id UInt64',
      ')',
      'ENGINE = MergeTree ORDER BY id;',
      '',
      '-- trailing comment',
      '',
    ].join('\n');
    expect(splitStatements(sql)).toEqual([
      'CREATE TABLE t\n(\n    id UInt64\n)\nENGINE = MergeTree ORDER BY id',
    ]);
  });

  it('drops blocks that hold only comments or blank lines', () => {
    expect(splitStatements('-- nothing here;\n\n;\n  \n')).toEqual([]);
    expect(splitStatements('')).toEqual([]);
  });

  it('handles CRLF line endings', () => {
    expect(splitStatements('SELECT 1;\r\nSELECT 2;\r\n')).toEqual(['SELECT 1', 'SELECT 2']);
  });
});

describe('loadMigrations', () => {
  const migrations = loadMigrations({ database: 'monitor_db', reportTimezone: 'Asia/Ho_Chi_Minh' });

  it('reads the shipped migrations in version order', () => {
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'transactions'],
      [2, 'rejections'],
      [3, 'ingest_ledger'],
      [4, 'traffic_rollups'],
      [5, 'connection_health_events'],
      [6, 'connection_first_seen'],
      [7, 'history_lookup_indexes'],
      [8, 'access_log'],
      [9, 'ingest_batches'],
    ]);
  });

  it('puts the configured database in place of {{db}}', () => {
    const statements = migrations.flatMap((m) => m.statements);
    expect(statements.some((s) => s.includes('{{db}}'))).toBe(false);
    expect(migrations.map((m) => m.statements[0]?.split('\n')[0])).toEqual([
      'CREATE TABLE IF NOT EXISTS monitor_db.transactions',
      'CREATE TABLE IF NOT EXISTS monitor_db.rejections',
      'CREATE TABLE IF NOT EXISTS monitor_db.ingest_ledger',
      'CREATE TABLE IF NOT EXISTS monitor_db.traffic_minute',
      'CREATE TABLE IF NOT EXISTS monitor_db.connection_health_events',
      'CREATE TABLE IF NOT EXISTS monitor_db.connection_first_seen',
      'ALTER TABLE monitor_db.transactions',
      'CREATE TABLE IF NOT EXISTS monitor_db.access_log',
      'CREATE TABLE IF NOT EXISTS monitor_db.ingest_batches',
    ]);
  });

  it('leaves no comment lines in any statement', () => {
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement.split('\n').filter((line) => line.trim().startsWith('--'))).toEqual([]);
    }
  });

  it('makes every statement idempotent (IF NOT EXISTS, or building an index again)', () => {
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement).toMatch(
        /^(CREATE (TABLE|MATERIALIZED VIEW) IF NOT EXISTS |ALTER TABLE \S+\s+(ADD INDEX IF NOT EXISTS|MATERIALIZE INDEX) )/,
      );
    }
  });

  it('checksums each file as 64 hex characters, distinct per file', () => {
    const checksums = migrations.map((m) => m.checksum);
    for (const checksum of checksums) expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(checksums).size).toBe(checksums.length);
  });

  it('checksums the file as written, independent of the database name', () => {
    expect(
      loadMigrations({ database: 'other_db', reportTimezone: 'UTC' }).map((m) => m.checksum),
    ).toEqual(migrations.map((m) => m.checksum));
  });

  describe('from another directory', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'migrations-spec-'));
      writeFileSync(path.join(dir, '0010_later.sql'), 'CREATE TABLE {{db}}.b (x UInt8);\n');
      writeFileSync(path.join(dir, '0002_first.sql'), 'SELECT 1;\nSELECT 2;\n');
      writeFileSync(path.join(dir, 'README.md'), 'not a migration');
      writeFileSync(path.join(dir, '0003_Bad-Name.sql'), 'SELECT 3;');
      writeFileSync(path.join(dir, '12_short.sql'), 'SELECT 4;');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('takes only NNNN_name.sql files, sorted, and checksums the raw text', () => {
      expect(loadMigrations({ database: 'x', reportTimezone: 'UTC' }, dir)).toEqual([
        {
          version: 2,
          name: 'first',
          statements: ['SELECT 1', 'SELECT 2'],
          // printf 'SELECT 1;\nSELECT 2;\n' | sha256sum
          checksum: '82efb67f3010c6eb7ead02e4f6d9550633dbc1407f99aa487468e7b2567aebbc',
        },
        {
          version: 10,
          name: 'later',
          statements: ['CREATE TABLE x.b (x UInt8)'],
          // Of the text before {{db}} is replaced.
          checksum: 'c0459dfe726985150fd3db3ffaf87859c10a7e4611998e76ed8c6ede94057434',
        },
      ]);
    });
  });
});

describe('rollupDefinitions', () => {
  it('reads each rollup table with its view from the migration, in the report zone', () => {
    const rollups = rollupDefinitions('monitor_db', 'Europe/London');
    expect(rollups.map((r) => [r.table, r.view])).toEqual([
      ['monitor_db.traffic_minute', 'monitor_db.traffic_minute_mv'],
      ['monitor_db.traffic_day', 'monitor_db.traffic_day_mv'],
      ['monitor_db.connection_first_seen', 'monitor_db.connection_first_seen_mv'],
    ]);
    for (const rollup of rollups) {
      expect(rollup.select).toMatch(/^SELECT\b[\s\S]+FROM monitor_db\.transactions\b/);
      expect(rollup.createTable.startsWith(`CREATE TABLE IF NOT EXISTS ${rollup.table}`)).toBe(
        true,
      );
    }
    expect(rollups[1]?.select).toContain("toDate(occurred_at, 'Europe/London')");
    expect(rollups[1]?.createTable).toContain("COMMENT 'days in Europe/London'");
  });
});
