-- One page of transaction history, newest first, strictly after the previous page's last
-- record (after = 1). FINAL: a record inserted twice before the merge that collapses it is
-- read once. The order is total over the table key, so no record is skipped or repeated.
SELECT transaction_id, reported_by, occurred_at, platform, consumer, provider, service, outcome,
       error_code, latency_ms, request_bytes, response_bytes, subject_ref, ingested_at
FROM {{db}}.transactions FINAL
WHERE {{history_where}}
  AND ({after:UInt8} = 0
       OR (occurred_at, transaction_id, reported_by, platform, consumer, provider)
          < ({after_at:DateTime64(3, 'UTC')}, {after_transaction_id:String}, {after_reported_by:String},
             {after_platform:String}, {after_consumer:String}, {after_provider:String}))
ORDER BY occurred_at DESC, transaction_id DESC, reported_by DESC, platform DESC, consumer DESC, provider DESC
LIMIT {limit:UInt32}
