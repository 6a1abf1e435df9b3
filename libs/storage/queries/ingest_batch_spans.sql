-- Every partition's offsets of the given batches (two steps instead of a subquery: on a cluster
-- both reads go through Distributed tables, where an IN subquery over another would be refused).
SELECT
    batch_token AS token,
    kafka_partition AS partition,
    toString(first_offset) AS firstOffset,
    toString(last_offset) AS lastOffset
FROM {{db}}.ingest_batches FINAL
WHERE topic = {topic:String}
  AND batch_token IN {tokens:Array(String)}
ORDER BY kafka_partition, first_offset
