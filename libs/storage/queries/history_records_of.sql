-- Every record of one transaction (each reporting party's), each once (FINAL), in time order.
-- The transaction_id bloom filter index (migration 0007) skips the granules without it.
SELECT transaction_id, reported_by, occurred_at, platform, consumer, provider, service, outcome,
       error_code, latency_ms, request_bytes, response_bytes, subject_ref, ingested_at
FROM {{db}}.transactions FINAL
WHERE transaction_id = {transaction_id:String}
ORDER BY occurred_at, reported_by, platform, consumer, provider
LIMIT {limit:UInt32}
