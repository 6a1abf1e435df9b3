import { type ClickHouseDatabase, classifyStoreError } from '@datashare/storage';
import { createTestDatabase } from '@datashare/testing';

/*
 * The embedded engine's raw insert words its failures but carries no code of its own; the
 * storage adapter gives them the engine's numeric code, by which retrying is decided.
 */
describe('a refused insert, embedded or over HTTP', () => {
  let db: ClickHouseDatabase & { drop(): Promise<void> };

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  const insert = (table: string, body: string) =>
    db
      .insertEncoded({
        table: `${db.database}.${table}`,
        format: 'JSONCompactEachRow',
        columns: ['transaction_id'],
        body: Buffer.from(body),
        settings: { insert_deduplication_token: `errors-${table}-${body.length}` },
      })
      .catch((error: unknown) => error);

  it('carries the code of an unknown table, a permanent failure', async () => {
    const error = await insert('no_such_table', '["TX-1"]\n');
    expect(error).toMatchObject({ code: '60' });
    expect(classifyStoreError(error)).toBe('permanent');
  });

  it('carries the code of rows the engine cannot read, a permanent failure', async () => {
    const error = await insert('transactions', '["TX-1", "surplus"]\n');
    expect((error as { code?: unknown }).code).toMatch(/^\d+$/);
    expect(classifyStoreError(error)).toBe('permanent');
  });
});
