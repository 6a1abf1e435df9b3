import { clusterStatements, onCluster, storageTable } from './cluster-ddl';
import { loadMigrations } from './migrations';

const statements = loadMigrations({ database: 'ds', reportTimezone: 'UTC' }).flatMap(
  (m) => m.statements,
);

describe('clusterStatements', () => {
  it('makes every table a replicated local table with a Distributed table over it', () => {
    const [local, distributed] = clusterStatements(
      `CREATE TABLE IF NOT EXISTS ds.rejections
(
    received_at DateTime64(3, 'UTC'),
    reason Enum8('a' = 1)
)
ENGINE = ReplacingMergeTree
ORDER BY received_at
SETTINGS ttl_only_drop_parts = 1`,
      'prod',
    );
    expect(local).toBe(`CREATE TABLE IF NOT EXISTS ds.rejections_local ON CLUSTER 'prod'
(
    received_at DateTime64(3, 'UTC'),
    reason Enum8('a' = 1)
)
ENGINE = ReplicatedReplacingMergeTree
ORDER BY received_at
SETTINGS ttl_only_drop_parts = 1`);
    expect(distributed).toBe(
      `CREATE TABLE IF NOT EXISTS ds.rejections ON CLUSTER 'prod' AS ds.rejections_local\n` +
        `ENGINE = Distributed('prod', 'ds', 'rejections_local', rand())`,
    );
  });

  it('shards the raw history by transaction, so a transaction’s records meet on one shard', () => {
    const transactions = statements.find((s) => s.includes('ds.transactions\n'));
    expect(clusterStatements(transactions as string, 'prod')[1]).toContain(
      "Distributed('prod', 'ds', 'transactions_local', cityHash64(transaction_id))",
    );
  });

  it('feeds each shard’s rollups from its own raw records', () => {
    const view = statements.find((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
    const [clustered] = clusterStatements(view as string, 'prod');
    expect(clustered).toMatch(
      /^CREATE MATERIALIZED VIEW IF NOT EXISTS ds\.traffic_minute_mv ON CLUSTER 'prod' TO ds\.traffic_minute_local AS\nSELECT/,
    );
    expect(clustered).toContain('FROM ds.transactions_local');
    expect(clustered).not.toMatch(/FROM ds\.transactions\b(?!_local)/);
  });

  it('adds and builds skip indexes in the local tables, on every replica', () => {
    const added = statements.find((s) =>
      s.includes('ADD INDEX IF NOT EXISTS transaction_id_bloom'),
    );
    expect(clusterStatements(added as string, 'prod')).toEqual([
      "ALTER TABLE ds.transactions_local ON CLUSTER 'prod' ADD INDEX IF NOT EXISTS " +
        'transaction_id_bloom transaction_id TYPE bloom_filter(0.001) GRANULARITY 1',
    ]);
    expect(
      clusterStatements('ALTER TABLE ds.transactions MATERIALIZE INDEX subject_ref_bloom', 'prod'),
    ).toEqual([
      "ALTER TABLE ds.transactions_local ON CLUSTER 'prod' MATERIALIZE INDEX subject_ref_bloom",
    ]);
  });

  it('has a variant for every statement of every shipped migration', () => {
    for (const statement of statements) {
      const clustered = clusterStatements(statement, 'prod');
      expect(clustered.length).toBeGreaterThan(0);
      for (const s of clustered) expect(s).toContain(" ON CLUSTER 'prod'");
    }
  });

  it('refuses a statement it has no variant for, rather than run it on one node', () => {
    expect(() => clusterStatements('ALTER TABLE ds.x ADD COLUMN y UInt8', 'prod')).toThrow(
      /no cluster variant/,
    );
  });
});

describe('storageTable and onCluster', () => {
  it('name the local table and the clause on a cluster only', () => {
    expect(storageTable({ cluster: null }, 'traffic_day')).toBe('traffic_day');
    expect(storageTable({ cluster: 'prod' }, 'traffic_day')).toBe('traffic_day_local');
    expect(onCluster({ cluster: null })).toBe('');
    expect(onCluster({ cluster: 'prod' })).toBe(" ON CLUSTER 'prod'");
  });
});
