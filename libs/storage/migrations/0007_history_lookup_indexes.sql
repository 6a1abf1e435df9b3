-- Auditors look records up by transaction id and by subject pseudonym across every connection,
-- which the raw table's order (connection, then time) cannot narrow. A bloom filter per granule
-- (8,192 rows) on each lets a lookup skip the granules that cannot hold the value: at 1 in 1,000
-- false positives, about 15 bits per distinct value. Measured on 20 million generated rows
-- (embedded engine): a lookup by transaction id 18 ms instead of 370-670 ms, by subject over
-- the whole history 16 ms instead of 0.7-1.3 s; the two indexes take 11 % of the table's size.
-- New parts get them as they are written. Parts that already exist are indexed at start by
-- indexExistingHistory (a background mutation, only when the table holds records: a mutation
-- left running makes the embedded engine crash when its process exits).
ALTER TABLE {{db}}.transactions
    ADD INDEX IF NOT EXISTS transaction_id_bloom transaction_id TYPE bloom_filter(0.001) GRANULARITY 1;

ALTER TABLE {{db}}.transactions
    ADD INDEX IF NOT EXISTS subject_ref_bloom subject_ref TYPE bloom_filter(0.001) GRANULARITY 1;
