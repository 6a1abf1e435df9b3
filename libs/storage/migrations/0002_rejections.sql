-- Bad input kept aside with its reason. The payload is kept only as redacted JSON (subjectId
-- replaced by its pseudonym); bytes that are not a JSON object keep only their size and digest,
-- because they may hold personal data that cannot be found and masked.
CREATE TABLE IF NOT EXISTS {{db}}.rejections
(
    received_at DateTime64(3, 'UTC') CODEC(Delta(8), ZSTD(1)),
    source Enum8('kafka' = 1, 'http' = 2),
    topic LowCardinality(String),
    kafka_partition Int32,
    kafka_offset Int64,
    request_id String,
    item_index Int32,
    reason_code LowCardinality(String),
    reason String,
    payload_bytes UInt32,
    payload_sha256 String,
    payload_redacted String CODEC(ZSTD(3))
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (source, topic, kafka_partition, kafka_offset, request_id, item_index)
SETTINGS non_replicated_deduplication_window = 10000, ttl_only_drop_parts = 1;
