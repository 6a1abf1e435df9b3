-- The whole access log in chain order (chain_id, then seq), a page at a time: what the chain
-- verification walks.
SELECT chain_id, seq, at, principal, roles, endpoint, filters, rows, previous_at, previous_hash, hash
FROM {{db}}.access_log
WHERE {after:UInt8} = 0 OR (chain_id, seq) > ({after_chain_id:String}, {after_seq:UInt64})
ORDER BY chain_id, seq
LIMIT {limit:UInt32}
