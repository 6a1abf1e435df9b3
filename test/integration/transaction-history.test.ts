import { type TransactionRecord, toClickHouseDateTime64 } from '@datashare/contract';
import {
  type HistoryFilters,
  type HistoryOrder,
  type HistoryPosition,
  type HistoryRecord,
  positionOf,
} from '@datashare/history';
import { type HistoryQuery, TransactionHistory, TransactionStore } from '@datashare/storage';
import { createTestDatabase, queryRows, retainedHeapBytes } from '@datashare/testing';

jest.setTimeout(180_000);

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;

const START_MS = Date.UTC(2026, 2, 1, 0, 0, 0);
const PARTIES = ['platform', 'consumer', 'provider'] as const;
const CONSUMERS = ['PROV-HNI.PORTAL', 'PROV-HCM.PORTAL', 'MOH.HIS'];
const PROVIDERS = ['MPS.NPD', 'MOF.TAX'];
const SERVICES = ['citizen.lookup', 'household.lookup'];

/** n-th record: few distinct instants (many ties), every party, several connections. */
function record(n: number): TransactionRecord {
  const failed = n % 7 === 0;
  return {
    transaction_id: `T-${String(Math.floor(n / 3)).padStart(6, '0')}`,
    reported_by: PARTIES[n % 3] as TransactionRecord['reported_by'],
    // Instants repeat: 40 of them over two days, so pages break inside ties.
    occurred_at: toClickHouseDateTime64(START_MS + (n % 40) * 3_600_000),
    platform: n % 11 === 0 ? 'PGW-HCM' : 'NDXP',
    consumer: CONSUMERS[n % CONSUMERS.length] as string,
    provider: PROVIDERS[n % PROVIDERS.length] as string,
    service: SERVICES[n % SERVICES.length] as string,
    outcome: failed ? 'failure' : 'success',
    error_code: failed ? (n % 2 === 0 ? 'TIMEOUT' : 'NOT_FOUND') : '',
    latency_ms: n % 5 === 0 ? null : 100 + n,
    request_bytes: 200,
    response_bytes: n % 4 === 0 ? null : 1800,
    subject_ref: n % 3 === 0 ? `${String(n % 17).padStart(2, '0')}${'ab'.repeat(31)}` : '',
  };
}

/** The history's order as a comparable key. */
const keyOf = (p: HistoryPosition): string =>
  JSON.stringify([
    String(p.occurredAtMs).padStart(15, '0'),
    p.transactionId,
    PARTIES.indexOf(p.reportedBy),
    p.platform,
    p.consumer,
    p.provider,
  ]);
const compareKeys = (a: HistoryRecord, b: HistoryRecord): number => {
  const ka = keyOf(positionOf(a));
  const kb = keyOf(positionOf(b));
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

async function walkPages(
  history: TransactionHistory,
  query: HistoryQuery,
  limit: number,
): Promise<HistoryRecord[][]> {
  const pages: HistoryRecord[][] = [];
  let after: HistoryPosition | undefined;
  for (;;) {
    const page = await history.page({ ...query, limit, after });
    pages.push(page.records);
    if (page.next === null) return pages;
    after = page.next;
  }
}

const ids = (records: readonly HistoryRecord[]) => records.map((r) => keyOf(positionOf(r)));

describe('the transaction history (TransactionHistory)', () => {
  const COUNT = 600;
  const records = Array.from({ length: COUNT }, (_, n) => record(n));
  const fromMs = START_MS;
  const toMs = START_MS + 40 * 3_600_000;
  let db: TestDb;
  let history: TransactionHistory;
  /** What the table holds, each record once, in the history's order (oldest first). */
  let stored: HistoryRecord[];

  beforeAll(async () => {
    db = await createTestDatabase();
    history = new TransactionHistory(db);
    // Merges stopped: the records stored twice below stay twice in the table.
    await db.client.command({ query: `SYSTEM STOP MERGES ${db.database}.transactions` });
    const store = new TransactionStore(db);
    await store.insert(records, 'history-first');
    // The same records again, at another offset (another token): collapsed only by a merge.
    await store.insert(records.slice(0, 200), 'history-again');
    stored = (
      await queryRows<HistoryRecord>(db, `SELECT * FROM ${db.database}.transactions FINAL`, {})
    ).sort(compareKeys);
  });

  afterAll(() => db.drop());

  it('holds duplicates in the table, before any merge', async () => {
    const [row] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM ${db.database}.transactions`,
    );
    expect(Number(row?.n)).toBe(COUNT + 200);
    expect(stored).toHaveLength(COUNT);
  });

  it.each<[HistoryOrder, number]>([
    ['desc', 7],
    ['asc', 7],
    ['desc', 1],
    ['asc', 250],
  ])('walks the whole range %s in pages of %i, each record once, no gaps', async (order, limit) => {
    const pages = await walkPages(history, { fromMs, toMs, filters: {}, order }, limit);
    const walked = pages.flat();
    const expected = order === 'asc' ? stored : [...stored].reverse();
    expect(ids(walked)).toEqual(ids(expected));
    expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
    expect(pages.at(-1)?.length).toBeGreaterThan(0);
  });

  it('returns every stored field as stored', async () => {
    const page = await history.page({ fromMs, toMs, filters: {}, order: 'asc', limit: 3 });
    const first = stored[0] as HistoryRecord;
    expect(page.records[0]).toEqual(first);
    expect(page.records[0]?.ingested_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  it('keeps to the time range, [from, to)', async () => {
    const from = START_MS + 5 * 3_600_000;
    const to = START_MS + 9 * 3_600_000;
    const page = await history.page({
      fromMs: from,
      toMs: to,
      filters: {},
      order: 'desc',
      limit: 1000,
    });
    const expected = stored.filter((r) => {
      const at = positionOf(r).occurredAtMs;
      return at >= from && at < to;
    });
    expect(ids(page.records)).toEqual(ids(expected.reverse()));
    expect(page.next).toBeNull();
  });

  const someSubject = `03${'ab'.repeat(31)}`;
  it.each<[string, HistoryFilters, (r: HistoryRecord) => boolean]>([
    ['platform', { platform: 'PGW-HCM' }, (r) => r.platform === 'PGW-HCM'],
    ['consumer', { consumer: 'MOH.HIS' }, (r) => r.consumer === 'MOH.HIS'],
    ['provider', { provider: 'MOF.TAX' }, (r) => r.provider === 'MOF.TAX'],
    ['service', { service: 'household.lookup' }, (r) => r.service === 'household.lookup'],
    ['outcome', { outcome: 'failure' }, (r) => r.outcome === 'failure'],
    ['errorCode', { errorCode: 'NOT_FOUND' }, (r) => r.error_code === 'NOT_FOUND'],
    ['transactionId', { transactionId: 'T-000042' }, (r) => r.transaction_id === 'T-000042'],
    ['reportedBy', { reportedBy: 'provider' }, (r) => r.reported_by === 'provider'],
    [
      'transactionId and reportedBy together',
      { transactionId: 'T-000042', reportedBy: 'consumer' },
      (r) => r.transaction_id === 'T-000042' && r.reported_by === 'consumer',
    ],
    ['subjectRef', { subjectRef: someSubject }, (r) => r.subject_ref === someSubject],
    [
      'consumer and outcome together',
      { consumer: 'PROV-HNI.PORTAL', outcome: 'failure' },
      (r) => r.consumer === 'PROV-HNI.PORTAL' && r.outcome === 'failure',
    ],
  ])('narrows by %s', async (_, filters, matches) => {
    const expected = [...stored].reverse().filter(matches);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(stored.length);
    const walked = (await walkPages(history, { fromMs, toMs, filters, order: 'desc' }, 13)).flat();
    expect(ids(walked)).toEqual(ids(expected));
    expect(await history.count({ fromMs, toMs, filters, order: 'desc' })).toBe(expected.length);
  });

  const hostile = [
    "' OR 1=1 --",
    "x'); DROP TABLE transactions; --",
    '{platform:String}',
    '\\',
    "NDXP' AND sleep(3) AND '1'='1",
    'x'.repeat(100_000),
    'Ṫ̵̢r̸͎a̴n̷s̶\u0000\u0007\u202e\uFEFF😀',
    '\r\n\t',
  ];
  const filterNames: (keyof HistoryFilters)[] = [
    'platform',
    'consumer',
    'provider',
    'service',
    'outcome',
    'errorCode',
    'transactionId',
    'reportedBy',
    'subjectRef',
  ];

  it('binds hostile values in every filter: they match nothing and run nothing', async () => {
    for (const name of filterNames) {
      for (const value of hostile) {
        const filters = { [name]: value } as HistoryFilters;
        const page = await history.page({ fromMs, toMs, filters, order: 'desc', limit: 10 });
        expect({ name, value: value.slice(0, 40), records: page.records.length }).toEqual({
          name,
          value: value.slice(0, 40),
          records: 0,
        });
      }
    }
    expect(await history.recordsOf(hostile[1] as string)).toEqual([]);
    const [row] = await queryRows<{ n: string }>(
      db,
      `SELECT count() AS n FROM ${db.database}.transactions`,
    );
    expect(Number(row?.n)).toBe(COUNT + 200);
  });

  it('binds a hostile position too (a forged cursor that passed the checks)', async () => {
    const after: HistoryPosition = {
      occurredAtMs: toMs,
      transactionId: "T' OR 1=1 --",
      reportedBy: 'provider',
      platform: "NDXP'; --",
      consumer: '\\',
      provider: 'x'.repeat(10_000),
    };
    const page = await history.page({ fromMs, toMs, filters: {}, order: 'desc', limit: 5, after });
    expect(ids(page.records)).toEqual(ids([...stored].reverse().slice(0, 5)));
  });

  it('finds a subject’s records through its index, each once though stored twice', async () => {
    const twice = records.slice(0, 200).find((r) => r.subject_ref !== '');
    if (twice === undefined) throw new Error('the fixture has no subject among the resent records');
    const expected = stored.filter((r) => r.subject_ref === twice.subject_ref);
    const page = await history.page({
      fromMs,
      toMs,
      filters: { subjectRef: twice.subject_ref },
      order: 'asc',
      limit: 100,
    });
    expect(page.records).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('finds every party’s record of one transaction, each once', async () => {
    const of = await history.recordsOf('T-000010');
    expect(of.map((r) => r.reported_by).sort()).toEqual(['consumer', 'platform', 'provider']);
    expect(of).toEqual(stored.filter((r) => r.transaction_id === 'T-000010'));
    expect(await history.recordsOf('T-999999')).toEqual([]);
  });

  it.each<HistoryOrder>(['desc', 'asc'])(
    'exports everything %s in small pages, each record once',
    async (order) => {
      const exported: HistoryRecord[] = [];
      let pages = 0;
      for await (const page of history.export({ fromMs, toMs, filters: {}, order }, 9)) {
        expect(page.length).toBeLessThanOrEqual(9);
        exported.push(...page);
        pages++;
      }
      expect(pages).toBeGreaterThan(COUNT / 9 - 1);
      expect(ids(exported)).toEqual(ids(order === 'asc' ? stored : [...stored].reverse()));
    },
  );

  it('exports with a filter across sparse windows', async () => {
    const filters = { subjectRef: someSubject };
    const exported: HistoryRecord[] = [];
    for await (const page of history.export(
      { fromMs, toMs: toMs + 365 * 86_400_000, filters, order: 'asc' },
      2,
    )) {
      exported.push(...page);
    }
    expect(ids(exported)).toEqual(ids(stored.filter((r) => r.subject_ref === someSubject)));
  });

  it('looks transactions and subjects up through their bloom filter indexes', async () => {
    const indexes = await queryRows<{ name: string; type_full: string }>(
      db,
      `SELECT name, type_full FROM system.data_skipping_indices
       WHERE database = {db:String} AND table = 'transactions' ORDER BY name`,
      { db: db.database },
    );
    expect(indexes).toEqual([
      { name: 'subject_ref_bloom', type_full: 'bloom_filter(0.001)' },
      { name: 'transaction_id_bloom', type_full: 'bloom_filter(0.001)' },
    ]);
    const plan = await queryRows<{ explain: string }>(
      db,
      `EXPLAIN indexes = 1 SELECT * FROM ${db.database}.transactions
       WHERE transaction_id = {id:String}`,
      { id: 'T-000010' },
    );
    expect(plan.map((l) => l.explain).join('\n')).toContain('transaction_id_bloom');
  });
});

describe('exporting a few hundred thousand records', () => {
  const ROWS = 300_000;
  let db: TestDb;
  let history: TransactionHistory;
  const fromMs = Date.UTC(2026, 0, 1);
  const toMs = Date.UTC(2026, 1, 1);

  beforeAll(async () => {
    db = await createTestDatabase();
    history = new TransactionHistory(db);
    // Generated inside ClickHouse: a month of records, about 7 a minute, long ids and refs.
    await db.client.command({
      query: `INSERT INTO ${db.database}.transactions
        (transaction_id, reported_by, occurred_at, platform, consumer, provider, service, outcome,
         error_code, latency_ms, request_bytes, response_bytes, subject_ref)
        SELECT concat('EXP-', leftPad(toString(number), 12, '0')), 'platform',
               fromUnixTimestamp64Milli(toInt64(${fromMs} + intDiv(number * ${toMs - fromMs}, ${ROWS})), 'UTC'),
               'NDXP', concat('PROV-', toString(number % 63), '.PORTAL'), 'MPS.NPD', 'citizen.lookup',
               'success', '', 120, 200, 1800, lower(hex(SHA256(toString(number))))
        FROM numbers(${ROWS})`,
      clickhouse_settings: { insert_deduplication_token: 'export-rows' },
    });
  });

  afterAll(() => db.drop());

  it('streams them in order with a heap that does not grow with the export', async () => {
    const query: HistoryQuery = { fromMs, toMs, filters: {}, order: 'desc' };
    expect(await history.count(query)).toBe(ROWS);
    let exported = 0;
    let previous: string | null = null;
    let ordered = true;
    const heap: number[] = [];
    for await (const page of history.export(query)) {
      for (const r of page) {
        const key = keyOf(positionOf(r));
        if (previous !== null && key >= previous) ordered = false;
        previous = key;
      }
      exported += page.length;
      heap.push(retainedHeapBytes());
    }
    expect(exported).toBe(ROWS);
    // Strictly decreasing keys and the full count: each record exactly once.
    expect(ordered).toBe(true);
    expect(heap.length).toBeGreaterThan(20);
    // Holding every record would take well over 150 MB of heap; a page takes a few MB.
    const settled = heap.slice(3);
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThan(64 * 1024 * 1024);
  });
});
