-- When each connection first carried traffic (the start of its first report-zone day): baseline windows before it have no
-- history (null), which keeps a young connection `unknown` rather than `idle`.
SELECT platform, consumer, provider,
    toUnixTimestamp(toDateTime(min(day), {timezone:String})) * 1000 AS first_day_ms
FROM {{db}}.traffic_day
GROUP BY platform, consumer, provider
