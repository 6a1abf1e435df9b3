-- Raw history of every record: one row per (transaction_id, reported_by), deduplicated twice over:
-- whole batches by the insert's deduplication token (redelivery of the same Kafka range), and
-- single records by the ReplacingMergeTree key (the same record sent again at another offset).
-- Ordered for per-connection time-range queries; partitioned by month so retention drops whole
-- partitions. Retention (TTL) is applied from configuration at start, not fixed here.
CREATE TABLE IF NOT EXISTS {{db}}.transactions
(
    transaction_id String CODEC(ZSTD(1)),
    reported_by Enum8('platform' = 1, 'consumer' = 2, 'provider' = 3),
    occurred_at DateTime64(3, 'UTC') CODEC(Delta(8), ZSTD(1)),
    platform LowCardinality(String),
    consumer LowCardinality(String),
    provider LowCardinality(String),
    service LowCardinality(String),
    outcome Enum8('success' = 1, 'failure' = 2),
    error_code LowCardinality(String),
    latency_ms Nullable(UInt32),
    request_bytes Nullable(UInt64),
    response_bytes Nullable(UInt64),
    subject_ref String COMMENT 'HMAC-SHA256 of subjectId, hex; empty when none' CODEC(ZSTD(1)),
    ingested_at DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(Delta(8), ZSTD(1))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(occurred_at)
ORDER BY (platform, consumer, provider, occurred_at, transaction_id, reported_by)
SETTINGS non_replicated_deduplication_window = 10000, ttl_only_drop_parts = 1;
