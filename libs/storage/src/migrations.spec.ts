import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadMigrations, splitStatements } from './migrations';

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
  const migrations = loadMigrations('monitor_db');

  it('reads the shipped migrations in version order', () => {
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'transactions'],
      [2, 'rejections'],
      [3, 'ingest_ledger'],
    ]);
  });

  it('puts the configured database in place of {{db}}', () => {
    const statements = migrations.flatMap((m) => m.statements);
    expect(statements.some((s) => s.includes('{{db}}'))).toBe(false);
    expect(migrations.map((m) => m.statements[0]?.split('\n')[0])).toEqual([
      'CREATE TABLE IF NOT EXISTS monitor_db.transactions',
      'CREATE TABLE IF NOT EXISTS monitor_db.rejections',
      'CREATE TABLE IF NOT EXISTS monitor_db.ingest_ledger',
    ]);
  });

  it('leaves no comment lines in any statement', () => {
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement.split('\n').filter((line) => line.trim().startsWith('--'))).toEqual([]);
    }
  });

  it('makes every statement idempotent (IF NOT EXISTS)', () => {
    for (const statement of migrations.flatMap((m) => m.statements)) {
      expect(statement).toMatch(/^CREATE TABLE IF NOT EXISTS /);
    }
  });

  it('checksums each file as 64 hex characters, distinct per file', () => {
    const checksums = migrations.map((m) => m.checksum);
    for (const checksum of checksums) expect(checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(checksums).size).toBe(3);
  });

  it('checksums the file as written, independent of the database name', () => {
    expect(loadMigrations('other_db').map((m) => m.checksum)).toEqual(
      migrations.map((m) => m.checksum),
    );
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
      expect(loadMigrations('x', dir)).toEqual([
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
