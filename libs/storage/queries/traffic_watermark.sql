-- The newest event time in the rollups: read from the newest minute only (the partition min/max
-- index answers max(minute) without a scan).
SELECT max(last_seen) AS watermark
FROM {{db}}.traffic_minute
WHERE minute >= (SELECT max(minute) FROM {{db}}.traffic_minute)
