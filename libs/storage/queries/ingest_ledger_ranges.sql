-- Batches recorded before 0009 by the ledger of one partition per batch.
SELECT toString(first_offset) AS firstOffset, toString(last_offset) AS lastOffset
FROM {{db}}.ingest_ledger FINAL
WHERE topic = {topic:String}
  AND kafka_partition = {partition:Int32}
  AND last_offset >= {fromOffset:Int64}
ORDER BY first_offset
