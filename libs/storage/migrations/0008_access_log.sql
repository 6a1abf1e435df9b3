-- The access trail: every look at the transaction history or at this log, by whom, with which
-- roles, through which endpoint, with which filters (a subject only as its pseudonym) and how
-- many rows it returned. The application only appends (AccessLog.append); nothing in it updates
-- or deletes a row, and retention (TTL, ACCESS_LOG_RETENTION_DAYS) drops whole months.
--
-- Each entry carries the hash of the one before it in its chain, and its own (see
-- libs/access/src/access-log-chain.ts). Every writing process keeps a chain of its own, so
-- concurrent writers never race for one head: chain_id names the writer's run, seq counts its
-- entries from 0, and a chain's first entry links to the newest entry of the log when the
-- writer started. `npm run cli -- verify-access-log` walks the chains and names the first
-- entry that breaks one.
CREATE TABLE IF NOT EXISTS {{db}}.access_log
(
    chain_id String,
    seq UInt64,
    at DateTime64(3, 'UTC'),
    principal String,
    roles Array(String),
    endpoint LowCardinality(String),
    filters Map(String, String),
    rows UInt64,
    previous_at Nullable(DateTime64(3, 'UTC')),
    previous_hash String,
    hash String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (chain_id, seq)
SETTINGS non_replicated_deduplication_window = 1000, ttl_only_drop_parts = 1;
