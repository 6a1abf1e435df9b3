import { clusterStatements, loadMigrations } from '@datashare/storage';
import { createTestDatabase, queryRows } from '@datashare/testing';

/**
 * The cluster variant cannot run here (no Keeper, no second server), but the real engine's
 * parser checks every statement of it, as a server would before executing it.
 */
describe('the cluster variant of the schema', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(() => db.drop());

  it('parses, statement by statement, in ClickHouse', async () => {
    const statements = loadMigrations({ database: 'datashare', reportTimezone: 'UTC' })
      .flatMap((m) => m.statements)
      .flatMap((s) => clusterStatements(s, 'datashare_cluster'));
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) {
      const [row] = await queryRows<{ formatted: string }>(
        db,
        'SELECT formatQuery({statement:String}) AS formatted',
        { statement },
      );
      expect(row?.formatted).toMatch(/ON CLUSTER datashare_cluster/);
    }
  });
});
