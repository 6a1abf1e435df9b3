import pino from 'pino';
import { Registry } from 'prom-client';
import { ConnectionMetrics } from '@datashare/metrics';
import { loadConfig } from '@datashare/config';
import type { TransactionRecord } from '@datashare/contract';
import { toClickHouseDateTime64 } from '@datashare/contract';
import { EMPTY_HEALTH_THRESHOLDS_CONFIG, parseHealthThresholdsFile } from '@datashare/health';
import { ConnectionWindows, HealthEventLog, TransactionStore } from '@datashare/storage';
import {
  ConnectionFiguresReader,
  ConnectionHealthEvaluator,
  HealthEventPublisher,
} from '@datashare/server';
import { TEST_REPORT_TIMEZONE, createTestDatabase } from '@datashare/testing';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T03:00:10Z'); // 10:00 in Ho Chi Minh City, a Friday
const PORTAL = { platform: 'LGSP-HNI', consumer: 'PROV-HNI.PORTAL', provider: 'MPS.NPD' };
const TAX = { platform: 'NDXP', consumer: 'GDT.TAX', provider: 'MPS.NPD' };

let serial = 0;
function records(
  connection: typeof PORTAL,
  fromMs: number,
  toMs: number,
  perMinute: number,
  failuresPerMinute = 0,
): TransactionRecord[] {
  const out: TransactionRecord[] = [];
  for (let minute = fromMs; minute < toMs; minute += MINUTE) {
    for (let i = 0; i < perMinute; i++) {
      out.push({
        transaction_id: `H-${++serial}`,
        reported_by: 'platform',
        occurred_at: toClickHouseDateTime64(minute + i * 1000),
        ...connection,
        service: 'citizen.lookup',
        outcome: i < failuresPerMinute ? 'failure' : 'success',
        error_code: i < failuresPerMinute ? 'TIMEOUT' : '',
        latency_ms: 120,
        request_bytes: 100,
        response_bytes: 900,
        subject_ref: '',
      });
    }
  }
  return out;
}

describe('connection health evaluated over the real rollups', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let now = NOW;
  const config = loadConfig({ NODE_ENV: 'test', REPORT_TIMEZONE: TEST_REPORT_TIMEZONE });
  const logger = pino({ level: 'silent' });
  let registry = new Registry();

  function evaluator(): ConnectionHealthEvaluator {
    registry = new Registry();
    return new ConnectionHealthEvaluator(
      config,
      { nowMs: () => now },
      logger,
      new ConnectionFiguresReader(EMPTY_HEALTH_THRESHOLDS_CONFIG, new ConnectionWindows(db)),
      new HealthEventLog(db),
      new HealthEventPublisher(null),
      new ConnectionMetrics(registry),
    );
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const store = new TransactionStore(db);
    // Eight days of steady traffic on both links, so the same window on the trailing days and
    // last week says traffic is expected at this hour; the portal stops 12 minutes before now.
    const historyFrom = NOW - 8 * DAY - 10 * MINUTE;
    const outageFrom = Math.floor(NOW / MINUTE) * MINUTE - 12 * MINUTE;
    let batch = 0;
    for (const rows of [
      records(PORTAL, historyFrom, outageFrom, 3),
      records(TAX, historyFrom, NOW - 30 * MINUTE, 3),
      // The tax office's last 30 minutes: 15 calls a minute, two failing (87 % success).
      records(TAX, NOW - 30 * MINUTE, NOW, 15, 2),
    ]) {
      await store.insert(rows, `health-test-${++batch}`);
    }
  });

  afterAll(() => db.drop());

  it('raises down on silence and degraded on the success ratio; recovery takes three evaluations', async () => {
    const health = evaluator();
    await health.restore();
    // From unknown, the first classification is taken at once.
    const first = await health.evaluate();
    expect(first.map((t) => [t.connection.consumer, t.state])).toEqual(
      expect.arrayContaining([
        ['PROV-HNI.PORTAL', 'down'],
        ['GDT.TAX', 'degraded'],
      ]),
    );
    const portal = first.find((t) => t.connection.consumer === PORTAL.consumer);
    expect(portal?.rule).toBe('silence');
    expect(portal?.reason).toMatch(/no successful transaction for 12 min/);
    expect(health.stateOf(TAX)).toBe('degraded');
    const exported = await registry.metrics();
    expect(exported).toContain(
      'datashare_connection_status{platform="LGSP-HNI",consumer="PROV-HNI.PORTAL",provider="MPS.NPD",status="down"} 1',
    );
    expect(exported).toContain(
      'datashare_connection_status{platform="LGSP-HNI",consumer="PROV-HNI.PORTAL",provider="MPS.NPD",status="healthy"} 0',
    );

    // The portal comes back: better must hold for three evaluations (recoverAfter).
    const store = new TransactionStore(db);
    const back = Math.floor(NOW / MINUTE) * MINUTE;
    await store.insert(records(PORTAL, back, back + 5 * MINUTE, 6), 'health-test-recovery');
    const states: string[] = [];
    for (const offset of [1, 1.5, 2, 2.5]) {
      now = back + offset * MINUTE + 5 * MINUTE;
      await health.evaluate();
      states.push(health.stateOf(PORTAL));
    }
    expect(states).toEqual(['down', 'down', 'healthy', 'healthy']);
  });

  it('stores every change with its reason and figures, and a restart resumes from them', async () => {
    const log = new HealthEventLog(db);
    const events = await log.list({ fromMs: NOW - DAY, toMs: NOW + DAY, limit: 100 });
    const portal = events.filter((e) => e.consumer === PORTAL.consumer).reverse();
    expect(portal.map((e) => [e.previousState, e.state])).toEqual([
      ['unknown', 'down'],
      ['down', 'healthy'],
    ]);
    // The tax office's calls stopped at NOW too; a gap shorter than the silence limit with
    // nothing failing is healthy again after three evaluations.
    const tax = events.filter((e) => e.consumer === TAX.consumer).reverse();
    expect(tax.map((e) => [e.previousState, e.state, e.rule])).toEqual([
      ['unknown', 'degraded', 'success-ratio-target'],
      ['degraded', 'healthy', 'gap-under-silence'],
    ]);
    expect(portal[0]?.figures).toEqual(
      expect.objectContaining({ transactions: 0, lastSuccessMs: expect.any(Number) }),
    );

    const restarted = evaluator();
    await restarted.restore();
    expect(restarted.stateOf(PORTAL)).toBe('healthy');
    expect(restarted.stateOf(TAX)).toBe('healthy');
    // Nothing changed since: a restart announces nothing again.
    expect(await restarted.evaluate()).toEqual([]);
  });

  it('reads a connection over the window its agency sets, and the others over the default', async () => {
    const thresholds = parseHealthThresholdsFile(
      JSON.stringify({ agencies: { GDT: { windowMs: 600_000, silenceMs: 7_200_000 } } }),
      'health.json',
    );
    now = NOW;
    const judged = await new ConnectionFiguresReader(thresholds, new ConnectionWindows(db)).read(
      now,
    );
    const tax = judged.find((j) => j.connection.consumer === TAX.consumer);
    const portal = judged.find((j) => j.connection.consumer === PORTAL.consumer);
    expect(tax?.thresholds.windowMs).toBe(600_000);
    // Ten whole minutes and the current one, [02:50, 03:01): ten minutes of 15 calls (they
    // stop at 03:00:10, before the current minute has any).
    expect(tax?.figures).toEqual(expect.objectContaining({ windowMs: 660_000, transactions: 150 }));
    expect(portal?.figures.windowMs).toBe(360_000);
    // The look-back covers the agency's two-hour silence limit: the portal's last call is seen.
    expect(portal?.figures.lastSeenMs).not.toBeNull();
  });
});
