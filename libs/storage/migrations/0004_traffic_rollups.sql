-- Traffic rollups: projections of the raw history at minute grain (UTC minutes) and day grain
-- (calendar days in the report time zone, REPORT_TIMEZONE, so a local day is one row and growth
-- over whole local days never reads minutes). Both are fed by materialized views with every raw
-- insert, and deduplicated with it: a replayed batch carries the same insert_deduplication_token,
-- which the views honour (deduplicate_blocks_in_dependent_materialized_views) given a
-- deduplication window on their target tables.
--
-- `transactions` counts distinct transactions as the carrying platform reported them (records
-- with reported_by = 'platform', distinct transaction_id within each insert). Consumer and
-- provider reports are counted apart in `reports` and never add to it, so a transaction is counted
-- once however many parties reported it. Latency, bytes and outcome are the platform's view too.
-- A platform record sent again in a later batch (at another offset) is collapsed in the raw table
-- but counted again here; the rebuild below, which reads the raw table FINAL, corrects that.
-- Latency quantiles use quantileTiming: its result does not depend on the order states are merged
-- in (a rebuild gives the same figures as the stream); exact to 1,024 ms, 16 ms steps above that,
-- and 30 s and over reported as 30 s.
-- `npm run cli -- rebuild-rollups` recomputes both tables from the raw history.
CREATE TABLE IF NOT EXISTS {{db}}.traffic_minute
(
    minute DateTime('UTC'),
    platform LowCardinality(String),
    consumer LowCardinality(String),
    provider LowCardinality(String),
    service LowCardinality(String),
    outcome Enum8('success' = 1, 'failure' = 2),
    transactions SimpleAggregateFunction(sum, UInt64),
    reports SimpleAggregateFunction(sum, UInt64),
    request_bytes SimpleAggregateFunction(sum, UInt64),
    response_bytes SimpleAggregateFunction(sum, UInt64),
    latency_ms AggregateFunction(quantilesTiming(0.5, 0.95, 0.99), Nullable(UInt32)),
    last_seen SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (minute, platform, consumer, provider, service, outcome)
SETTINGS non_replicated_deduplication_window = 10000, ttl_only_drop_parts = 1;

CREATE TABLE IF NOT EXISTS {{db}}.traffic_day
(
    day Date,
    platform LowCardinality(String),
    consumer LowCardinality(String),
    provider LowCardinality(String),
    service LowCardinality(String),
    outcome Enum8('success' = 1, 'failure' = 2),
    transactions SimpleAggregateFunction(sum, UInt64),
    reports SimpleAggregateFunction(sum, UInt64),
    request_bytes SimpleAggregateFunction(sum, UInt64),
    response_bytes SimpleAggregateFunction(sum, UInt64),
    latency_ms AggregateFunction(quantilesTiming(0.5, 0.95, 0.99), Nullable(UInt32)),
    last_seen SimpleAggregateFunction(max, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
PARTITION BY toYear(day)
ORDER BY (day, platform, consumer, provider, service, outcome)
SETTINGS non_replicated_deduplication_window = 10000, ttl_only_drop_parts = 1
COMMENT 'days in {{report_timezone}}';

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.traffic_minute_mv TO {{db}}.traffic_minute AS
SELECT
    toStartOfMinute(toDateTime(occurred_at, 'UTC')) AS minute,
    platform, consumer, provider, service, outcome,
    uniqExactIf(transaction_id, reported_by = 'platform') AS transactions,
    count() AS reports,
    sumIf(ifNull(request_bytes, 0), reported_by = 'platform') AS request_bytes,
    sumIf(ifNull(response_bytes, 0), reported_by = 'platform') AS response_bytes,
    quantilesTimingState(0.5, 0.95, 0.99)(if(reported_by = 'platform', latency_ms, NULL)) AS latency_ms,
    max(occurred_at) AS last_seen
FROM {{db}}.transactions
GROUP BY minute, platform, consumer, provider, service, outcome;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.traffic_day_mv TO {{db}}.traffic_day AS
SELECT
    toDate(occurred_at, '{{report_timezone}}') AS day,
    platform, consumer, provider, service, outcome,
    uniqExactIf(transaction_id, reported_by = 'platform') AS transactions,
    count() AS reports,
    sumIf(ifNull(request_bytes, 0), reported_by = 'platform') AS request_bytes,
    sumIf(ifNull(response_bytes, 0), reported_by = 'platform') AS response_bytes,
    quantilesTimingState(0.5, 0.95, 0.99)(if(reported_by = 'platform', latency_ms, NULL)) AS latency_ms,
    max(occurred_at) AS last_seen
FROM {{db}}.transactions
GROUP BY day, platform, consumer, provider, service, outcome;
