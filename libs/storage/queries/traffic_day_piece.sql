-- Distinct transactions per group over whole report-zone days [from, to) of the day rollup.
-- One piece of a period; pieces are joined with UNION ALL, each with its own bounds (_{{n}}).
SELECT
    {{n}} AS piece,
    multiIf({group_by:String} = 'platform', platform, {group_by:String} = 'consumer', consumer,
            {group_by:String} = 'provider', provider, {group_by:String} = 'service', service, '') AS key,
    sum(transactions) AS transactions
FROM {{db}}.traffic_day
WHERE day >= {from_{{n}}:Date} AND day < {to_{{n}}:Date}
  AND ({platform:String} = '' OR platform = {platform:String})
  AND ({consumer:String} = '' OR consumer = {consumer:String})
  AND ({provider:String} = '' OR provider = {provider:String})
  AND ({service:String} = '' OR service = {service:String})
  AND ({agency:String} = ''
       OR consumer = {agency:String} OR startsWith(consumer, concat({agency:String}, '.'))
       OR provider = {agency:String} OR startsWith(provider, concat({agency:String}, '.')))
GROUP BY key
