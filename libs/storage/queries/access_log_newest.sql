-- The newest entry of the whole access log: a new writer's chain starts from (links to) it.
SELECT chain_id, seq, at, principal, roles, endpoint, filters, rows, previous_at, previous_hash, hash
FROM {{db}}.access_log
ORDER BY at DESC, chain_id DESC, seq DESC
LIMIT 1
