-- Every change of a connection's health state, appended by the evaluator: the state, the one it
-- left, the reason in words and the figures behind it (JSON). The current state of every
-- connection is the latest event per connection; the evaluator rebuilds its hysteresis from it.
-- Appended only: an evaluator never updates or deletes an event. A retried append carries the
-- same deduplication token and is dropped; retention (TTL) is ROLLUP_RETENTION_DAYS.
CREATE TABLE IF NOT EXISTS {{db}}.connection_health_events
(
    at DateTime64(3, 'UTC'),
    platform LowCardinality(String),
    consumer LowCardinality(String),
    provider LowCardinality(String),
    state Enum8('unknown' = 0, 'healthy' = 1, 'idle' = 2, 'degraded' = 3, 'down' = 4),
    previous_state Enum8('unknown' = 0, 'healthy' = 1, 'idle' = 2, 'degraded' = 3, 'down' = 4),
    rule LowCardinality(String),
    reason String,
    figures String COMMENT 'JSON of the window figures the evaluation judged'
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (platform, consumer, provider, at)
SETTINGS non_replicated_deduplication_window = 1000, ttl_only_drop_parts = 1;
