-- The consumer writes the offset range of a batch here before it inserts the batch. After a
-- crash or a rebalance, whoever consumes the partition next re-cuts the uncommitted ranges
-- exactly as they were, so their deduplication tokens match and nothing is stored twice.
CREATE TABLE IF NOT EXISTS {{db}}.ingest_ledger
(
    topic LowCardinality(String),
    kafka_partition Int32,
    first_offset Int64,
    last_offset Int64,
    recorded_at DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree
ORDER BY (topic, kafka_partition, first_offset)
TTL toDateTime(recorded_at) + INTERVAL 30 DAY;
