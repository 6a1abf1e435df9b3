-- When each connection first carried traffic: one row per connection, kept by a view with every
-- raw insert (deduplicated with it, like the traffic rollups). The health evaluator needs it to
-- tell a young connection (no history: `unknown`) from a quiet one (`idle`), and the connections
-- list needs every connection; reading it here instead of from the day rollup reads hundreds of
-- rows, not a million.
CREATE TABLE IF NOT EXISTS {{db}}.connection_first_seen
(
    platform LowCardinality(String),
    consumer LowCardinality(String),
    provider LowCardinality(String),
    first_seen SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (platform, consumer, provider)
SETTINGS non_replicated_deduplication_window = 10000;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.connection_first_seen_mv TO {{db}}.connection_first_seen AS
SELECT platform, consumer, provider, min(occurred_at) AS first_seen
FROM {{db}}.transactions
GROUP BY platform, consumer, provider;
