-- Replaces ingest_ledger (0003), which knew one partition per batch: a batch now gathers the
-- messages of every partition a consumer holds into one insert. Before it inserts a batch, the
-- consumer records here one row per partition it spans, all under the batch's deduplication
-- token. After a crash or a rebalance, whoever consumes one of those partitions next gathers the
-- same offsets of every partition of the batch again and writes them under the same token, so
-- a batch that was stored is dropped as a duplicate and one that was not is stored once.
-- ingest_ledger is still read for batches recorded before the upgrade.
CREATE TABLE IF NOT EXISTS {{db}}.ingest_batches
(
    topic LowCardinality(String),
    kafka_partition Int32,
    first_offset Int64,
    last_offset Int64,
    batch_token String CODEC(ZSTD(1)),
    recorded_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, kafka_partition, first_offset)
TTL toDateTime(recorded_at) + INTERVAL 30 DAY;
