import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { SubjectPseudonymizer, decodeTransactionEvent } from '@datashare/contract';
import {
  type ClickHouseDatabase,
  TransactionStore,
  applyMigrations,
  classifyStoreError,
  openClickHouse,
} from '@datashare/storage';
import {
  TEST_KEY,
  builtAppsUnavailableReason,
  describeIf,
  queryRows,
  sampleEvent,
} from '@datashare/testing';

jest.setTimeout(120_000);

/*
 * Server mode writes through ClickHouse's HTTP interface. Without Docker there is no ClickHouse
 * server here, so this runs against the embedded engine behind bench/clickhouse-http.ts, a
 * minimal front of that interface: what it checks is the client side of the protocol (the
 * statement, the settings in the URL, the encoded rows in the body, the error code in the
 * response header). Where Docker exists, CLICKHOUSE_URL points every storage test at a real
 * server as well.
 */
const FRONT = path.join(__dirname, '..', '..', 'dist', 'bench', 'clickhouse-http.js');

describeIf(builtAppsUnavailableReason())('storage in server mode, over HTTP', () => {
  let dataDir: string;
  let front: ChildProcess;
  let db: ClickHouseDatabase;
  const logged: { level: string; fields: object; message: string }[] = [];
  const log = {
    warn: (fields: object, message: string) => logged.push({ level: 'warn', fields, message }),
    error: (fields: object, message: string) => logged.push({ level: 'error', fields, message }),
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'datashare-http-'));
    front = spawn(process.execPath, [FRONT, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await listeningPort(front);
    db = await openClickHouse(
      { url: `http://127.0.0.1:${port}`, username: 'default', password: '', database: 'http_e2e' },
      dataDir,
      log,
    );
    await applyMigrations(db, 'UTC');
  });

  afterAll(async () => {
    await db.close();
    front.kill('SIGTERM');
    await new Promise((resolve) => front.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const records = [1, 2, 3].map((n) => {
    const decoded = decodeTransactionEvent(sampleEvent(n), {
      nowMs: Date.now(),
      maxFutureSkewMs: 60_000,
      pseudonymize: (id) => new SubjectPseudonymizer(TEST_KEY).pseudonymize(id),
    });
    if (!decoded.ok) throw new Error(decoded.rejection.detail);
    return decoded.record;
  });

  it('stores a batch once however often it is written under its token, rollups included', async () => {
    const store = new TransactionStore(db);
    await store.insert(records, 'http-topic-0-1-3');
    await store.insert(records, 'http-topic-0-1-3');
    // UInt64 comes quoted from a server and bare from the embedded engine's defaults.
    const [counts] = await queryRows<{ raw: string | number; rolled: string | number }>(
      db,
      `SELECT (SELECT count() FROM http_e2e.transactions) AS raw,
              (SELECT sum(transactions) FROM http_e2e.traffic_minute) AS rolled`,
    );
    expect([Number(counts?.raw), Number(counts?.rolled)]).toEqual([3, 3]);
    const [stored] = await queryRows<{ consumer: string; subject_ref: string }>(
      db,
      `SELECT consumer, subject_ref FROM http_e2e.transactions WHERE transaction_id = 'TX-00000002'`,
    );
    expect(stored).toEqual({
      consumer: records[1]?.consumer,
      subject_ref: records[1]?.subject_ref,
    });
  });

  it("reports the server's error code, so a refused insert is classified by it", async () => {
    const error = await db
      .insertEncoded({
        table: 'http_e2e.no_such_table',
        format: 'JSONEachRow',
        body: Buffer.from('{"a":1}\n'),
        settings: {},
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: '60' });
    expect(classifyStoreError(error)).toBe('permanent');
    // The client's own report of the failed request went to the application's logger.
    expect(logged).toContainEqual({
      level: 'error',
      fields: expect.objectContaining({ operation: 'Exec', err: error }) as object,
      message: 'Exec: HTTP request error.',
    });
  });
});

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error('the front has no stdout');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the ClickHouse front exited with ${code}`)));
  });
}
