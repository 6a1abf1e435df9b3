-- Distinct transactions per group over UTC minutes [from, to) of the minute rollup: the edges of
-- a period that do not cover a whole report-zone day. Joined with UNION ALL like the day pieces.
SELECT
    {{n}} AS piece,
    multiIf({group_by:String} = 'platform', platform, {group_by:String} = 'consumer', consumer,
            {group_by:String} = 'provider', provider, {group_by:String} = 'service', service, '') AS key,
    sum(transactions) AS transactions
FROM {{db}}.traffic_minute
WHERE minute >= {from_{{n}}:DateTime('UTC')} AND minute < {to_{{n}}:DateTime('UTC')}
  AND ({platform:String} = '' OR platform = {platform:String})
  AND ({consumer:String} = '' OR consumer = {consumer:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({service:String} = '' OR service = {service:String})
  AND ({agency:String} = ''
       OR consumer = {agency:String} OR startsWith(consumer, concat({agency:String}, '.'))
       OR provider = {agency:String} OR startsWith(provider, concat({agency:String}, '.')))
GROUP BY key
