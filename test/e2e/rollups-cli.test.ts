import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  AppProcess,
  builtAppsUnavailableReason,
  describeIf,
  runSimulatorBackfill,
  sqlInDataDir,
  utcDateDaysAgo,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(180_000);

const CLI = path.join(__dirname, '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

describeIf(builtAppsUnavailableReason())('rebuilding the rollups from the CLI', () => {
  let dataDir: string;
  const env = (extra: Record<string, string> = {}) => ({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SUBJECT_HMAC_KEY: 'e2e-rollups-key-of-at-least-32-characters',
    BATCH_MAX_WAIT_MS: '100',
    SIMULATE: '0',
    HEALTH_EVALUATOR: '0',
    ...extra,
  });
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env(extra), LOG_LEVEL: 'silent' },
    });
  const dayTotals = () =>
    sqlInDataDir<{ day: string; t: number }>(
      dataDir,
      'SELECT toString(day) AS day, sum(transactions) AS t FROM datashare.traffic_day GROUP BY day ORDER BY day',
    );

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-rollups-'));
    const { file, keys } = writeApiKeysFile(dataDir);
    const app = AppProcess.start('monitor', env({ API_KEYS_FILE: file }));
    const url = await app.url();
    await runSimulatorBackfill([
      ...['--from', utcDateDaysAgo(3), '--to', utcDateDaysAgo(1), '--target', 'http'],
      ...['--url', url, '--scale', '0.02', '--seed', '5', '--api-key', keys.ingest],
    ]);
    expect(await app.kill('SIGTERM')).toBe(0);
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('rebuilds to the same figures the stream produced', async () => {
    const streamed = await dayTotals();
    expect(streamed.length).toBeGreaterThanOrEqual(2);
    const { stdout } = await cli(['rebuild-rollups']);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^rebuilt datashare\.traffic_minute: \d+ rows$/),
      expect.stringMatching(/^rebuilt datashare\.traffic_day: \d+ rows$/),
      expect.stringMatching(/^rebuilt datashare\.connection_first_seen: \d+ rows$/),
    ]);
    expect(await dayTotals()).toEqual(streamed);
  });

  it('refuses to start in another report time zone until the rollups are rebuilt in it', async () => {
    const refused = AppProcess.start('monitor', env({ REPORT_TIMEZONE: 'Europe/London' }));
    expect(await refused.exited).not.toBe(0);
    expect(refused.logs).toContain(
      'REPORT_TIMEZONE is Europe/London, but the day rollup counts days in Asia/Ho_Chi_Minh',
    );

    const total = (days: { t: number }[]) => days.reduce((sum, d) => sum + Number(d.t), 0);
    const inHoChiMinhCity = await dayTotals();
    await cli(['rebuild-rollups'], { REPORT_TIMEZONE: 'Europe/London' });
    const inLondon = await dayTotals();
    const [table] = await sqlInDataDir<{ comment: string }>(
      dataDir,
      `SELECT comment FROM system.tables WHERE database = 'datashare' AND name = 'traffic_day'`,
    );
    expect(table?.comment).toBe('days in Europe/London');
    // The same transactions, cut into days seven hours later.
    expect(total(inLondon)).toBe(total(inHoChiMinhCity));
    expect(inLondon).not.toEqual(inHoChiMinhCity);

    const started = AppProcess.start('monitor', env({ REPORT_TIMEZONE: 'Europe/London' }));
    await started.url();
    expect(await started.kill('SIGTERM')).toBe(0);
  });
});
