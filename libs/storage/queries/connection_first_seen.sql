-- When each connection first carried traffic (migration 0006): baseline windows before it have
-- no history (null), which keeps a young connection `unknown` rather than `idle`.
SELECT platform, consumer, provider, toUnixTimestamp64Milli(min(first_seen)) AS first_seen_ms
FROM {{db}}.connection_first_seen
GROUP BY platform, consumer, provider
