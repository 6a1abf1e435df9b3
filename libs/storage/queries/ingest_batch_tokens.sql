-- The recorded batches that hold offsets of one partition at or after where its consumer starts.
SELECT DISTINCT batch_token
FROM {{db}}.ingest_batches FINAL
WHERE topic = {topic:String}
  AND kafka_partition = {partition:Int32}
  AND last_offset >= {fromOffset:Int64}
