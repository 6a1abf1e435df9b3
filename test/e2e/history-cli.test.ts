import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SubjectPseudonymizer } from '@datashare/contract';
import { builtAppsUnavailableReason, describeIf, sqlInDataDir } from '@datashare/testing';

jest.setTimeout(180_000);

const DIST = path.join(__dirname, '..', '..', 'dist');
const CLI = path.join(DIST, 'apps', 'cli', 'src', 'main.js');
const STORAGE = path.join(DIST, 'libs', 'storage', 'src', 'index.js');
const KEY = 'e2e-history-cli-key-of-at-least-32-characters';
const SUBJECT = '079112345678';
const ROWS = 3000;
const FROM_MS = Date.UTC(2026, 2, 1);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script against the data directory's embedded engine in a process of its own (one data
 * directory per process), through the built storage library: what someone with the files could do.
 */
async function withEngine(dataDir: string, body: string): Promise<void> {
  const script = `
    const { openClickHouse, applyMigrations } = require(${JSON.stringify(STORAGE)});
    (async () => {
      const db = await openClickHouse(
        { url: null, username: 'default', password: '', database: 'datashare' }, ${JSON.stringify(dataDir)});
      await applyMigrations(db, 'Asia/Ho_Chi_Minh');
      ${body}
      await db.close();
    })().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
  await promisify(execFile)(process.execPath, ['-e', script]);
}

describeIf(builtAppsUnavailableReason())('the history CLI: export and verify-access-log', () => {
  let dataDir: string;
  let outDir: string;
  const subjectRef = new SubjectPseudonymizer(Buffer.from(KEY, 'utf8')).pseudonymize(SUBJECT);

  const cli = async (args: string[]): Promise<Run> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          DATA_DIR: dataDir,
          SUBJECT_HMAC_KEY: KEY,
          LOG_LEVEL: 'silent',
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-history-cli-'));
    outDir = mkdtempSync(path.join(tmpdir(), 'datashare-history-out-'));
    // A day of records, one a 28.8 s; every tenth about the subject, alternately two consumers.
    await withEngine(
      dataDir,
      `await db.client.command({
        query: \`INSERT INTO datashare.transactions
          (transaction_id, reported_by, occurred_at, platform, consumer, provider, service, outcome,
           error_code, latency_ms, request_bytes, response_bytes, subject_ref)
          SELECT concat('CLI-', toString(number)), 'platform',
                 fromUnixTimestamp64Milli(toInt64(${FROM_MS} + number * 28800), 'UTC'),
                 'NDXP', if(number % 2 = 0, 'PROV-HNI.PORTAL', 'MOH.HIS'), 'MPS.NPD', 'citizen.lookup',
                 if(number % 9 = 0, 'failure', 'success'), if(number % 9 = 0, '=cmd|calc', ''),
                 120, 200, 1800, if(number % 10 = 0, '${subjectRef}', '')
          FROM numbers(${ROWS})\`,
        clickhouse_settings: { insert_deduplication_token: 'cli-seed' },
      });`,
    );
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('exports only what the local day holds', async () => {
    const out = path.join(outDir, 'local-day.csv');
    const run = await cli(['export', '--from', '2026-03-01', '--to', '2026-03-02', '--out', out]);
    // 00:00 to 17:00 UTC of the data is 07:00 to midnight of 1 March in Ho Chi Minh City.
    expect(run.stderr).toContain(`exported ${Math.ceil((17 * 3600) / 28.8)} records`);
  });

  it('exports a day as CSV, every record once, formulas neutralized', async () => {
    const out = path.join(outDir, 'day.csv');
    const run = await cli(['export', '--from', '2026-03-01', '--to', '2026-03-03', '--out', out]);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toContain(`exported ${ROWS} records to ${out}`);
    const lines = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      'transactionId,reportedBy,occurredAt,platform,consumer,provider,service,outcome,errorCode,' +
        'latencyMs,requestBytes,responseBytes,subjectRef,ingestedAt',
    );
    expect(lines).toHaveLength(ROWS + 1);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(ROWS);
    // Newest first by default (dates are midnight in REPORT_TIMEZONE, UTC+7, before the data).
    expect(lines[1]).toMatch(/^CLI-2999,platform,2026-03-01T23:59:31\.200Z,/);
    expect(lines.some((l) => l.includes(",'=cmd|calc,"))).toBe(true);
  });

  it('exports NDJSON filtered by subject and consumer, oldest first', async () => {
    const out = path.join(outDir, 'subject.ndjson');
    const run = await cli([
      'export',
      ...['--from', '2026-03-01T00:00:00Z', '--to', '2026-03-02T00:00:00Z', '--out', out],
      ...['--format', 'ndjson', '--order', 'asc', '--as', 'inspector.nguyen'],
      ...['--subject-id', SUBJECT, '--consumer', 'PROV-HNI.PORTAL'],
    ]);
    expect(run).toMatchObject({ code: 0 });
    const items = readFileSync(out, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { transactionId: string; subjectRef: string; consumer: string });
    expect(items).toHaveLength(ROWS / 10);
    expect(items[0]?.transactionId).toBe('CLI-0');
    expect(
      items.every((i) => i.subjectRef === subjectRef && i.consumer === 'PROV-HNI.PORTAL'),
    ).toBe(true);
  });

  it('records each export in the access log, the subject only as its pseudonym', async () => {
    const entries = await sqlInDataDir<{
      principal: string;
      endpoint: string;
      rows: number;
      filters: Record<string, string>;
    }>(
      dataDir,
      'SELECT principal, endpoint, rows, filters FROM datashare.access_log ORDER BY at, chain_id',
    );
    expect(entries.slice(1, 3)).toEqual([
      expect.objectContaining({ endpoint: 'cli export', rows: ROWS }),
      expect.objectContaining({
        principal: expect.stringMatching(/^inspector\.nguyen \(os user .+\)$/),
        rows: ROWS / 10,
        filters: expect.objectContaining({ subjectRef, consumer: 'PROV-HNI.PORTAL', order: 'asc' }),
      }),
    ]);
    const everything = JSON.stringify(
      await sqlInDataDir(dataDir, 'SELECT * FROM datashare.access_log'),
    );
    expect(everything).not.toContain(SUBJECT);
  });

  it('refuses bad arguments with a message and exit code 2', async () => {
    const out = path.join(outDir, 'never.csv');
    const base = ['export', '--from', '2026-03-01', '--to', '2026-03-02', '--out', out];
    expect(await cli([...base, '--consumer', "x' OR 1=1"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--consumer must be 1 to 64 characters'),
    });
    expect(await cli([...base, '--reported-by', 'nobody'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--reported-by must be platform, consumer or provider'),
    });
    expect(await cli([...base, '--format', 'xlsx'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format is csv or ndjson'),
    });
    expect(
      await cli(['export', '--from', '2026-03-02', '--to', '2026-03-01', '--out', out]),
    ).toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be before --to') });
  });

  it('never overwrites a file, and says so, as it says when the directory is missing', async () => {
    const existing = path.join(outDir, 'evidence.csv');
    writeFileSync(existing, 'kept\n');
    const range = ['export', '--from', '2026-03-01', '--to', '2026-03-02'];
    expect(await cli([...range, '--out', existing])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--out ${existing} already exists`),
    });
    expect(readFileSync(existing, 'utf8')).toBe('kept\n');
    const nowhere = path.join(outDir, 'missing', 'x.csv');
    expect(await cli([...range, '--out', nowhere])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--out ${nowhere}: its directory does not exist`),
    });
  });

  it('verifies the access log, and names the entry edited behind its back', async () => {
    const intact = await cli(['verify-access-log']);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toMatch(/^access log intact: \d+ entries in \d+ chain\(s\)/);

    await withEngine(
      dataDir,
      `await db.client.command({
        query: "ALTER TABLE datashare.access_log UPDATE rows = 1 WHERE rows = ${ROWS / 10}",
        clickhouse_settings: { mutations_sync: '2' },
      });`,
    );
    const broken = await cli(['verify-access-log']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      /^access log BROKEN at entry \d+ of the walk: chain \S+, seq 0, at .+, by inspector\.nguyen \(os user .+\), cli export: its contents do not match its hash: it was edited/,
    );
  });
});
