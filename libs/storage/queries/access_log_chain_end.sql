-- The last entry of one writer's chain, where it goes on after an append it is unsure of.
SELECT chain_id, seq, at, principal, roles, endpoint, filters, rows, previous_at, previous_hash, hash
FROM {{db}}.access_log
WHERE chain_id = {chain_id:String}
ORDER BY seq DESC
LIMIT 1
