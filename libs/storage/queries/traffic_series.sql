-- Transactions, failures and latency quantiles per bucket of [from, to), from the minute rollup:
-- UTC minutes grouped into minutes, or hours or calendar days of {tz}. Days are exact from
-- minutes in any zone whose offset is whole minutes (every zone since 1972). Each group's first
-- minute tells the caller which of its buckets the group is. Either every connection, or those
-- given as three parallel arrays (one connection per position).
SELECT
    toUnixTimestamp(min(minute)) AS first_minute,
    sum(transactions) AS bucket_transactions,
    sumIf(transactions, outcome = 'failure') AS bucket_failures,
    quantilesTimingMerge(0.5, 0.95, 0.99)(latency_ms) AS bucket_latency_ms
FROM {{db}}.traffic_minute
WHERE minute >= {from:DateTime('UTC')} AND minute < {to:DateTime('UTC')}
  AND ({every_connection:UInt8} = 1
       OR has(arrayZip({platforms:Array(String)}, {consumers:Array(String)}, {providers:Array(String)}),
              tuple(toString(platform), toString(consumer), toString(provider))))
GROUP BY multiIf({interval:String} = 'day', toUInt32(toDate(minute, {tz:String})),
                 {interval:String} = 'hour', toUnixTimestamp(toStartOfHour(minute, {tz:String})),
                 toUnixTimestamp(minute)) AS bucket
