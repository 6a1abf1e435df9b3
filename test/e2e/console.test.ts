import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  AppProcess,
  builtAppsUnavailableReason,
  chromiumUnavailableReason,
  describeIf,
  foreignRequests,
  launchChromium,
  runSimulatorBackfill,
  tabThrough,
  utcDateDaysAgo,
  waitFor,
} from '@datashare/testing';

jest.setTimeout(8 * 60_000);

const BROKEN = { platform: 'NDXP', consumer: 'VPCP.DVCQG', provider: 'MPS.NPD' };
const EVALUATION_INTERVAL_MS = 1000;
/** The page's live refresh (apps/console/src/shell/live.ts). */
const PAGE_REFRESH_MS = 5000;
/** Rendering and the requests' own time, on a shared 2-core machine. */
const SLACK_MS = 3000;
const GRAFANA_URL = 'http://127.0.0.1:3999/d/datashare-overview';
/** `SAVE_SCREENSHOTS=1` writes the README's pictures of the board and a drill-down. */
const SCREENSHOTS =
  process.env.SAVE_SCREENSHOTS === '1' ? path.join(__dirname, '../../docs/images') : null;

interface Connection {
  platform: string;
  consumer: string;
  provider: string;
  state: string;
}

/** A day of the drill-down's traffic table as the page shows it. */
interface TrafficRow {
  from: string;
  to: string;
  transactions: string;
  failures: string;
  p95: string;
}

interface TrafficBucket {
  from: string;
  to: string;
  transactions: number;
  failures: number;
  p95LatencyMs: number | null;
}

const tileOf = (c: { platform: string; consumer: string; provider: string }) =>
  `li.tile[data-connection="${c.platform} ${c.consumer} ${c.provider}"]`;

/** A key and its entry in an API keys file (`[{ name, roles, sha256 }]`). */
function apiKey(role: string): { key: string; entry: object } {
  const key = `console-e2e-${role}-${randomBytes(16).toString('hex')}`;
  const sha256 = createHash('sha256').update(key).digest('hex');
  return { key, entry: { name: `console-e2e-${role}`, roles: [role], sha256 } };
}

/** A number as the page writes it: "12,345", "+59.7 %", "−3.0 %". */
const pageNumber = (text: string | null) =>
  Number((text ?? '').replace(/[,\s%+]/g, '').replace('−', '-'));

describeIf(builtAppsUnavailableReason() ?? chromiumUnavailableReason())(
  'the operations console in a real browser',
  () => {
    let dataDir: string;
    let monitor: AppProcess;
    let url: string;
    let browser: Browser;
    let page: Page;
    let foreign: string[];
    const viewer = apiKey('viewer');
    const ingest = apiKey('ingest');

    async function api<T>(pathAndQuery: string): Promise<T> {
      const response = await fetch(`${url}${pathAndQuery}`, {
        headers: { authorization: `Bearer ${viewer.key}` },
      });
      if (response.status !== 200) throw new Error(`${pathAndQuery}: ${response.status}`);
      return (await response.json()) as T;
    }

    beforeAll(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-console-'));
      const keysFile = path.join(dataDir, 'api-keys.json');
      writeFileSync(keysFile, JSON.stringify([viewer.entry, ingest.entry]));
      // A one-minute window and a low volume floor for the connection under test, so that its
      // outage is judged within seconds whatever the hour (as in the alerting test).
      const thresholds = path.join(dataDir, 'health.json');
      writeFileSync(
        thresholds,
        JSON.stringify({ connections: [{ ...BROKEN, windowMs: 60_000, minVolume: 5 }] }),
      );
      // The outage starts once the page has shown the connection working.
      const outageFrom = new Date(Date.now() + 75_000);
      monitor = AppProcess.start('monitor', {
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        SUBJECT_HMAC_KEY: 'e2e-console-key-of-at-least-32-characters',
        API_KEYS_FILE: keysFile,
        GRAFANA_URL,
        BATCH_MAX_WAIT_MS: '200',
        SIMULATE_PEAK_EVENTS_PER_SECOND: '300',
        SIMULATE_INCIDENTS:
          `outage:platform=${BROKEN.platform},consumer=${BROKEN.consumer},provider=${BROKEN.provider},` +
          `from=${outageFrom.toISOString()},to=${new Date(outageFrom.getTime() + 600_000).toISOString()}`,
        HEALTH_EVALUATION_INTERVAL_MS: String(EVALUATION_INTERVAL_MS),
        HEALTH_THRESHOLDS_FILE: thresholds,
      });
      url = await monitor.url();
      // Closed past days, so that the growth figure holds still while the page and the test read it.
      await runSimulatorBackfill([
        ...['--from', utcDateDaysAgo(5), '--to', utcDateDaysAgo(1)],
        ...['--target', 'http', '--url', url, '--api-key', ingest.key],
        ...['--scale', '0.01', '--seed', '21'],
      ]);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      foreign = foreignRequests(page, url);
    });

    afterAll(async () => {
      await browser?.close();
      if (monitor) expect(await monitor.kill('SIGTERM')).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('asks for the API key when the monitor requires one, and shows the board with it', async () => {
      const open = await fetch(`${url}/api/v1/connections`);
      await page.goto(url);
      if (open.status === 401) {
        await page.getByLabel('Key (a viewer role is enough)').fill('not-a-key-of-this-monitor');
        await page.getByRole('button', { name: 'Use this key' }).click();
        await page.getByText(/The monitor refused the key \(401/).waitFor();
        await page.getByLabel('Key (a viewer role is enough)').fill(viewer.key);
        await page.keyboard.press('Enter');
      } else {
        // Before authentication is enforced the page asks for nothing.
        expect(open.status).toBe(200);
      }
      await page.locator('li.tile').first().waitFor();
      expect(
        await page.evaluate<string | null>('sessionStorage.getItem("datashare.console.apiKey")'),
      ).toBe(open.status === 401 ? viewer.key : null);
    });

    it('shows every connection the simulator created, each with its state in words', async () => {
      const listed = await waitFor(
        'the broken connection on the list, not down yet',
        async () => {
          const { connections } = await api<{ connections: Connection[] }>('/api/v1/connections');
          const broken = connections.find(
            (c) =>
              c.consumer === BROKEN.consumer &&
              c.provider === BROKEN.provider &&
              c.platform === BROKEN.platform,
          );
          return connections.length > 20 && broken !== undefined ? connections : undefined;
        },
        60_000,
      );
      // The board catches up with the API within a refresh.
      await waitFor(
        'the board to show them all',
        async () => ((await page.locator('li.tile').count()) >= listed.length ? true : undefined),
        PAGE_REFRESH_MS + SLACK_MS,
      );
      const tiles = await page.evaluate<{ id: string; state: string; badge: string }[]>(
        `[...document.querySelectorAll('li.tile')].map((item) => ({
          id: item.getAttribute('data-connection'),
          state: item.getAttribute('data-state'),
          badge: item.querySelector('.badge').textContent.trim().toLowerCase(),
        }))`,
      );
      const onPage = new Set(tiles.map((t) => t.id));
      for (const c of listed) expect(onPage).toContain(`${c.platform} ${c.consumer} ${c.provider}`);
      // Worst first by default; the state is written out, not only coloured.
      const severity: Record<string, number> = {
        down: 4,
        degraded: 3,
        healthy: 2,
        idle: 2,
        unknown: 1,
      };
      const order = tiles.map((t) => severity[t.state] ?? 0);
      expect(order).toEqual([...order].sort((a, b) => b - a));
      for (const tile of tiles) expect(tile.badge).toContain(tile.state);
    });

    it('turns the broken connection down within the evaluation interval and one refresh, without a reload', async () => {
      const tile = page.locator(tileOf(BROKEN));
      await tile.waitFor();
      expect(await tile.getAttribute('data-state')).not.toBe('down');
      await page.evaluate('window.consoleNotReloaded = true');
      await waitFor(
        'the API to report the outage as down',
        async () => {
          const { connections } = await api<{ connections: Connection[] }>(
            `/api/v1/connections?platform=${BROKEN.platform}&consumer=${BROKEN.consumer}&provider=${BROKEN.provider}`,
          );
          return connections[0]?.state === 'down' ? true : undefined;
        },
        4 * 60_000,
        250,
      );
      await page
        .locator(`${tileOf(BROKEN)}[data-state="down"]`)
        .waitFor({ timeout: EVALUATION_INTERVAL_MS + PAGE_REFRESH_MS + SLACK_MS });
      await expect(tile.locator('.badge').textContent()).resolves.toMatch(/down/i);
      expect(await page.evaluate<boolean>('window.consoleNotReloaded === true')).toBe(true);
      if (SCREENSHOTS !== null) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.evaluate('window.scrollTo(0, 0)');
        await page.screenshot({ path: path.join(SCREENSHOTS, 'console-board.png') });
      }
    });

    it('opens the drill-down of a connection: its past traffic as the API gives it, its state changes and their reasons', async () => {
      await page.locator(`${tileOf(BROKEN)} a`).click();
      await page
        .getByRole('heading', { name: `${BROKEN.consumer} → ${BROKEN.provider}` })
        .waitFor();
      const downEvent = page.locator('ol.timeline li[data-state="down"]').first();
      await downEvent.waitFor({ timeout: PAGE_REFRESH_MS + SLACK_MS });
      await expect(downEvent.locator('.reason').textContent()).resolves.toMatch(
        /success ratio|no success/,
      );
      // The chart has its past at once: read from the stored rollup, not sampled since opening.
      await page
        .locator('figcaption', { hasText: 'This connection, last 24 hours, by hour' })
        .waitFor();
      await page
        .locator('figcaption', { hasText: 'Transactions of this connection, last 30 days' })
        .waitFor();
      await page.locator('select[name="traffic-range"]').selectOption('month_by_day');
      const dayRows = 'table[data-interval="day"] tr[data-from]';
      await page.locator(dayRows).nth(29).waitFor({ state: 'attached', timeout: 10_000 });
      const shown = await page.evaluate<TrafficRow[]>(
        `[...document.querySelectorAll('${dayRows}')].map((row) => ({
          from: row.dataset.from,
          to: row.dataset.to,
          transactions: row.querySelector('[data-figure="transactions"]').textContent,
          failures: row.querySelector('[data-figure="failures"]').textContent,
          p95: row.querySelector('[data-figure="p95"]').dataset.value,
        }))`,
      );
      const oldest = shown[shown.length - 1] as TrafficRow;
      const newest = shown[0] as TrafficRow;
      const expected = await api<{ timezone: string; buckets: TrafficBucket[] }>(
        `/api/v1/connections/series?interval=day&from=${oldest.from}&to=${newest.to}` +
          `&platform=${BROKEN.platform}&consumer=${BROKEN.consumer}&provider=${BROKEN.provider}`,
      );
      // Days already over hold still while the page and the test read them (the backfill).
      const closed = expected.buckets.filter((b) => Date.parse(b.to) <= Date.now());
      expect(closed.reduce((n, b) => n + b.transactions, 0)).toBeGreaterThan(0);
      for (const bucket of closed) {
        const row = shown.find((r) => r.from === bucket.from);
        expect({
          from: row?.from,
          transactions: pageNumber(row?.transactions ?? null),
          failures: pageNumber(row?.failures ?? null),
          p95: row?.p95 === '' ? null : Number(row?.p95),
        }).toEqual({
          from: bucket.from,
          transactions: bucket.transactions,
          failures: bucket.failures,
          p95: bucket.p95LatencyMs,
        });
      }
      const refused = await fetch(
        `${url}/api/v1/connections/series?from=2026-11-20T00:00:30Z&to=2026-11-21T00:00:00Z`,
        { headers: { authorization: `Bearer ${viewer.key}` } },
      );
      expect(refused.status).toBe(400);
      await expect(refused.json()).resolves.toMatchObject({
        message: expect.stringContaining('from: must be a whole minute'),
      });
      if (SCREENSHOTS !== null) {
        await page.waitForTimeout(2 * PAGE_REFRESH_MS);
        await page.screenshot({
          path: path.join(SCREENSHOTS, 'console-drill-down.png'),
          fullPage: true,
        });
      }
      await page.getByRole('link', { name: 'MPS', exact: true }).click();
      await page.getByRole('heading', { name: 'Agency MPS' }).waitFor();
      await page
        .locator('figcaption', { hasText: "MPS's connections, last 24 hours, by hour" })
        .waitFor();
      await page
        .locator(`${tileOf(BROKEN)}[data-state="down"]`)
        .first()
        .waitFor();
      await page.getByRole('link', { name: '← All connections' }).click();
      await page.locator('li.tile').first().waitFor();
    });

    it('shows the growth figure the API gives for the same query', async () => {
      const from = utcDateDaysAgo(3);
      const to = utcDateDaysAgo(1);
      await page.goto(`${url}/#/`);
      await page.locator('select[name="period"]').selectOption('custom');
      await page.locator('input[name="from"]').fill(from);
      await page.locator('input[name="to"]').fill(to);
      await page.locator('select[name="compare"]').selectOption('previous_period');
      await page.getByRole('button', { name: 'Show' }).click();
      const expected = await api<{
        current: { transactions: number; from: string };
        previous: { transactions: number };
        growthPercent: number | null;
        timezone: string;
        provisional: boolean;
      }>(`/api/v1/growth?from=${from}&to=${to}&compare=previous_period`);
      expect(expected.current.transactions).toBeGreaterThan(100);
      const figure = (name: string) => page.locator(`[data-figure="${name}"]`).textContent();
      await waitFor(
        'the page to show the chosen period',
        async () =>
          pageNumber(await figure('current')) === expected.current.transactions ? true : undefined,
        10_000,
      );
      expect(pageNumber(await figure('previous'))).toBe(expected.previous.transactions);
      expect(pageNumber(await figure('growthPercent'))).toBe(
        Number((expected.growthPercent ?? NaN).toFixed(1)),
      );
      expect(await figure('timezone')).toBe(expected.timezone);
      // Days closed but within the late-arrival window: marked provisional, not partial.
      expect(expected.provisional).toBe(true);
      await page.locator('[data-mark="provisional"]').waitFor();
      expect(await page.locator('[data-mark="partial"]').count()).toBe(0);
      await page
        .locator('figcaption', { hasText: `Transactions, per day, in ${expected.timezone}` })
        .waitFor();
    });

    it('reaches every control from the keyboard alone, with the focus drawn', async () => {
      await page.goto(`${url}/#/`);
      await page.locator('li.tile').first().waitFor();
      const tiles = await page.locator('li.tile').count();
      const stops = await tabThrough(page, tiles + 40);
      const reached = new Set(stops.map((s) => s.element));
      for (const control of [
        'a:Skip to the content',
        'button:Pause live refresh',
        'button:Refresh now',
        'a:Open Grafana (opens a new tab)',
        'select:platform',
        'select:agency',
        'select:state',
        'select:sort',
        'select:period',
        'input:from',
        'input:to',
        'select:compare',
        'select:interval',
        'input:tz',
        'button:Show',
      ]) {
        expect(reached).toContain(control);
      }
      // Every tile is a stop of its own (live refresh may have added some meanwhile).
      expect(
        stops.filter((s) => s.element.startsWith('a:') && s.element.includes('→')).length,
      ).toBeGreaterThanOrEqual(tiles);
      expect(stops.filter((s) => !s.visible)).toEqual([]);
      // Each form control has a label.
      expect(
        await page.evaluate<number>(
          `[...document.querySelectorAll('select, input')].filter((e) => e.labels.length === 0).length`,
        ),
      ).toBe(0);
      // Enter on a focused tile opens its drill-down, Escape-free: the back link returns.
      await page.locator('li.tile a').first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: '← All connections' }).waitFor();
      expect(page.url()).toContain('#/connection/');
    });

    it('loaded nothing from outside the monitor', () => {
      expect(foreign).toEqual([]);
    });
  },
);
