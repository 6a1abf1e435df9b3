-- Figures of every connection for one health evaluation, from the minute rollup: the window
-- [window_from, now_to), the look-back for the last (successful) transaction, and the same window
-- 1 to 7 days earlier (the baseline of what traffic to expect at this time of day). Times are
-- whole minutes; the window includes the current, partial minute.
SELECT
    platform, consumer, provider,
    sumIf(transactions, minute >= {window_from:DateTime('UTC')}) AS window_transactions,
    sumIf(transactions, minute >= {window_from:DateTime('UTC')} AND outcome = 'failure') AS window_failures,
    quantilesTimingMergeIf(0.5, 0.95, 0.99)(latency_ms, minute >= {window_from:DateTime('UTC')})[2] AS p95_latency_ms,
    maxIf(last_seen, minute >= {lookback_from:DateTime('UTC')} AND reports > 0) AS last_seen_at,
    maxIf(last_seen, minute >= {lookback_from:DateTime('UTC')} AND outcome = 'success' AND transactions > 0) AS last_success_at,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 1 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 1 DAY) AS day_1,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 2 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 2 DAY) AS day_2,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 3 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 3 DAY) AS day_3,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 4 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 4 DAY) AS day_4,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 5 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 5 DAY) AS day_5,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 6 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 6 DAY) AS day_6,
    sumIf(transactions, minute < {now_to:DateTime('UTC')} - INTERVAL 7 DAY AND minute >= {window_from:DateTime('UTC')} - INTERVAL 7 DAY) AS day_7
FROM {{db}}.traffic_minute
WHERE (minute >= least({window_from:DateTime('UTC')}, {lookback_from:DateTime('UTC')}) AND minute < {now_to:DateTime('UTC')})
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 1 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 1 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 2 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 2 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 3 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 3 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 4 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 4 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 5 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 5 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 6 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 6 DAY)
   OR (minute >= {window_from:DateTime('UTC')} - INTERVAL 7 DAY AND minute < {now_to:DateTime('UTC')} - INTERVAL 7 DAY)
GROUP BY platform, consumer, provider
