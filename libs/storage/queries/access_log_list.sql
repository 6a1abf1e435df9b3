-- A page of the access log, newest first, at in [from, to), strictly after the previous page's
-- last entry (after = 1) in the order (at, chain_id, seq).
SELECT chain_id, seq, at, principal, roles, endpoint, filters, rows, previous_at, previous_hash, hash
FROM {{db}}.access_log
WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
  AND ({after:UInt8} = 0
       OR (at, chain_id, seq) < ({after_at:DateTime64(3, 'UTC')}, {after_chain_id:String}, {after_seq:UInt64}))
ORDER BY at DESC, chain_id DESC, seq DESC
LIMIT {limit:UInt32}
