import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createTrafficModel, nationalRate } from '@datashare/simulator';
import {
  AppProcess,
  bearer,
  builtAppsUnavailableReason,
  describeIf,
  runSimulatorBackfill,
  sqlInDataDir,
  utcDateDaysAgo,
  writeApiKeysFile,
} from '@datashare/testing';

jest.setTimeout(240_000);

/** The same calendar date a year earlier (Feb 29 maps to Feb 28). */
function yearBefore(date: string): string {
  const earlier = `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
  return earlier.endsWith('-02-29') ? earlier.replace(/29$/, '28') : earlier;
}

/**
 * The simulator's expected volume over [from, to), up to a constant: its national rate summed
 * minute by minute, as it generates traffic. Weekdays carry more than weekends, and the same
 * dates a year apart fall on other weekdays, so the growth to expect depends on the calendar.
 */
function expectedVolume(from: string, to: string, meanEventsPerSecond: number): number {
  const model = createTrafficModel();
  let sum = 0;
  for (let t = Date.parse(from); t < Date.parse(to); t += 60_000) {
    sum += nationalRate(model, t + 30_000);
  }
  return sum * meanEventsPerSecond;
}

interface Growth {
  timezone: string;
  current: { from: string; to: string; countedTo: string; transactions: number; partial: boolean };
  previous: { from: string; to: string; countedTo: string; transactions: number };
  change: number;
  growthPercent: number | null;
  groups: { key: string; current: number; previous: number; growthPercent: number | null }[];
  provisional: boolean;
}

interface Series {
  buckets: {
    from: string;
    to: string;
    transactions: number;
    previous: { from: string; to: string; transactions: number };
  }[];
}

async function getJson<T>(url: string, key: string): Promise<T> {
  const response = await fetch(url, { headers: bearer(key) });
  if (response.status !== 200)
    throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describeIf(builtAppsUnavailableReason())('growth over two backfilled periods', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-growth-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the exact year-over-year figures the raw history holds', async () => {
    const { file, keys } = writeApiKeysFile(dataDir);
    const app = AppProcess.start('monitor', {
      DATA_DIR: dataDir,
      API_KEYS_FILE: file,
      PORT: '0',
      HOST: '127.0.0.1',
      SUBJECT_HMAC_KEY: 'e2e-growth-key-of-at-least-32-characters',
      BATCH_MAX_WAIT_MS: '100',
      SIMULATE: '0',
      HEALTH_EVALUATOR: '0',
    });
    const url = await app.url();
    // Three UTC days this year and the same days last year, at different volumes, sent through
    // the HTTP intake and the pipeline as a platform would send them.
    const day = utcDateDaysAgo;
    const backfill = (from: string, to: string, scale: string, seed: string) =>
      runSimulatorBackfill([
        ...['--from', from, '--to', to, '--target', 'http', '--url', url],
        ...['--scale', scale, '--seed', seed, '--api-key', keys.ingest],
      ]);
    await backfill(yearBefore(day(4)), yearBefore(day(1)), '0.03', '11');
    await backfill(day(4), day(1), '0.05', '12');

    // Two whole local days (Asia/Ho_Chi_Minh, UTC+7): read from the day rollup.
    const q = `compare=previous_year&from=${day(3)}&to=${day(1)}`;
    const days = await getJson<Growth>(`${url}/api/v1/growth?${q}&groupBy=consumer`, keys.viewer);
    // Local times that cut days: read partly from the minute rollup.
    const cut = await getJson<Growth>(
      `${url}/api/v1/growth?compare=previous_year&from=${day(3)}T05:30&to=${day(2)}T13:45`,
      keys.viewer,
    );
    const series = await getJson<Series>(
      `${url}/api/v1/growth/series?${q}&interval=day`,
      keys.viewer,
    );
    expect(await app.kill('SIGTERM')).toBe(0);

    expect(days.timezone).toBe('Asia/Ho_Chi_Minh');
    expect(days.current.from).toBe(`${day(3)}T00:00:00.000+07:00`);
    expect(days.previous.from).toBe(`${yearBefore(day(3))}T00:00:00.000+07:00`);
    expect(days.current.partial).toBe(false);
    // Within the 7-day late-arrival window: figures may still change.
    expect(days.provisional).toBe(true);

    // What the raw history says, counted independently of the rollups.
    const count = async (from: string, to: string) => {
      const rows = await sqlInDataDir<{ consumer: string; n: number }>(
        dataDir,
        `SELECT consumer, uniqExact(transaction_id) AS n FROM datashare.transactions FINAL
         WHERE reported_by = 'platform'
           AND occurred_at >= parseDateTime64BestEffort('${new Date(from).toISOString()}', 3)
           AND occurred_at < parseDateTime64BestEffort('${new Date(to).toISOString()}', 3)
         GROUP BY consumer`,
      );
      return new Map(rows.map((row) => [row.consumer, Number(row.n)]));
    };
    const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

    for (const answer of [days, cut]) {
      const current = await count(answer.current.from, answer.current.countedTo);
      const previous = await count(answer.previous.from, answer.previous.countedTo);
      expect(total(current)).toBeGreaterThan(1000);
      expect(answer.current.transactions).toBe(total(current));
      expect(answer.previous.transactions).toBe(total(previous));
      expect(answer.change).toBe(total(current) - total(previous));
      expect(answer.growthPercent).toBe(
        ((total(current) - total(previous)) / total(previous)) * 100,
      );
      if (answer === days) {
        expect(
          Object.fromEntries(days.groups.map((g) => [g.key, [g.current, g.previous]])),
        ).toEqual(
          Object.fromEntries(
            [...new Set([...current.keys(), ...previous.keys()])].map((consumer) => [
              consumer,
              [current.get(consumer) ?? 0, previous.get(consumer) ?? 0],
            ]),
          ),
        );
      }
    }
    // Traffic grew (scale 0.05 against 0.03), and the figure says by about what the simulator
    // sent: within 15% of the expected ratio (the counts are random draws of a thousand or more).
    const expectedRatio =
      expectedVolume(days.current.from, days.current.countedTo, 0.05) /
      expectedVolume(days.previous.from, days.previous.countedTo, 0.03);
    const ratio = 1 + (days.growthPercent ?? Number.NaN) / 100;
    expect(Math.abs(ratio / expectedRatio - 1)).toBeLessThan(0.15);

    expect(series.buckets.map((b) => b.from)).toEqual([
      `${day(3)}T00:00:00.000+07:00`,
      `${day(2)}T00:00:00.000+07:00`,
    ]);
    for (const bucket of series.buckets) {
      expect(bucket.transactions).toBe(total(await count(bucket.from, bucket.to)));
      expect(bucket.previous.transactions).toBe(
        total(await count(bucket.previous.from, bucket.previous.to)),
      );
    }
    expect(series.buckets.reduce((sum, b) => sum + b.transactions, 0)).toBe(
      days.current.transactions,
    );
  });
});
