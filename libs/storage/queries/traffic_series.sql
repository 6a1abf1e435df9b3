-- Transactions, failures and latency quantiles per bucket of [from, to): UTC minutes grouped
-- into minutes, or hours or calendar days of {tz}. Whole days of {tz} in [days_from, days_to)
-- are read from the day rollup (kept in the report zone, which {tz} is), one row per day and
-- key instead of 1,440; every other minute from the minute rollup. Days are exact from minutes
-- in any zone whose offset is whole minutes (every zone since 1972), and a day's latency state
-- merges to the same quantiles as its minutes' (quantileTiming does not depend on merge order).
-- Each group's first instant tells the caller which of its buckets the group is. Either every
-- connection, or those given as three parallel arrays (one connection per position).
SELECT
    min(first_at) AS first_minute,
    sum(transactions) AS bucket_transactions,
    sumIf(transactions, outcome = 'failure') AS bucket_failures,
    quantilesTimingMerge(0.5, 0.95, 0.99)(latency_ms) AS bucket_latency_ms
FROM
(
    SELECT
        toUnixTimestamp(minute) AS first_at,
        multiIf({interval:String} = 'day', toUInt32(toDate(minute, {tz:String})),
                {interval:String} = 'hour', toUnixTimestamp(toStartOfHour(minute, {tz:String})),
                toUnixTimestamp(minute)) AS bucket,
        transactions, outcome, latency_ms
    FROM {{db}}.traffic_minute
    WHERE minute >= {from:DateTime('UTC')} AND minute < {to:DateTime('UTC')}
      AND NOT (minute >= toDateTime({days_from:Date}, {tz:String})
               AND minute < toDateTime({days_to:Date}, {tz:String}))
      AND ({every_connection:UInt8} = 1
           OR has(arrayZip({platforms:Array(String)}, {consumers:Array(String)}, {providers:Array(String)}),
                  tuple(toString(platform), toString(consumer), toString(provider))))
    UNION ALL
    SELECT
        toUnixTimestamp(toDateTime(day, {tz:String})) AS first_at,
        toUInt32(day) AS bucket,
        transactions, outcome, latency_ms
    FROM {{db}}.traffic_day
    WHERE day >= {days_from:Date} AND day < {days_to:Date}
      AND ({every_connection:UInt8} = 1
           OR has(arrayZip({platforms:Array(String)}, {consumers:Array(String)}, {providers:Array(String)}),
                  tuple(toString(platform), toString(consumer), toString(provider))))
)
GROUP BY bucket
