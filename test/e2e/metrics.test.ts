import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AppProcess,
  binariesUnavailableReason,
  builtAppsUnavailableReason,
  describeIf,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(120_000);

describeIf(builtAppsUnavailableReason() ?? binariesUnavailableReason('promtool'))(
  'GET /metrics of the running monitor',
  () => {
    let dataDir: string;
    let app: AppProcess;
    let url: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-metrics-'));
      app = AppProcess.start('monitor', {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        SUBJECT_HMAC_KEY: 'e2e-metrics-key-of-at-least-32-characters',
        BATCH_MAX_WAIT_MS: '100',
        SIMULATE_PEAK_EVENTS_PER_SECOND: '300',
        HEALTH_EVALUATION_INTERVAL_MS: '1000',
      });
      url = await app.url();
    });

    afterAll(async () => {
      expect(await app.kill('SIGTERM')).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('exports ingestion and connection metrics that promtool finds nothing to complain about', async () => {
      const text = await waitFor(
        'connection and ingestion metrics',
        async () => {
          const body = await (await fetch(`${url}/metrics`)).text();
          return body.includes('datashare_connection_status{') &&
            body.includes('datashare_transactions_total{')
            ? body
            : undefined;
        },
        60_000,
      );
      for (const name of [
        'datashare_ingest_events_total',
        'datashare_ingest_batch_rows_bucket',
        'datashare_clickhouse_insert_duration_seconds_bucket',
        'datashare_ingest_freshness_seconds{',
        'datashare_connection_success_ratio{',
        'datashare_connection_last_success_timestamp_seconds{',
        'process_cpu_seconds_total',
      ]) {
        expect(text).toContain(name);
      }
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({
        status: 0,
        output: '',
      });
    });
  },
);
