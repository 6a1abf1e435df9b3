-- A page of the access log, newest first, at in [from, to), strictly after the previous page's
-- last entry (after = 1) in the order (at, chain_id, seq). Each filter that is given (an empty
-- value filters nothing) narrows it: who looked, and which transaction or subject (as its
-- pseudonym) the look asked for.
SELECT chain_id, seq, at, principal, roles, endpoint, filters, rows, previous_at, previous_hash, hash
FROM {{db}}.access_log
WHERE at >= {from:DateTime64(3, 'UTC')} AND at < {to:DateTime64(3, 'UTC')}
  AND ({principal:String} = '' OR principal = {principal:String})
  AND ({transaction_id:String} = '' OR filters['transactionId'] = {transaction_id:String})
  AND ({subject_ref:String} = '' OR filters['subjectRef'] = {subject_ref:String})
  AND ({after:UInt8} = 0
       OR (at, chain_id, seq) < ({after_at:DateTime64(3, 'UTC')}, {after_chain_id:String}, {after_seq:UInt64}))
ORDER BY at DESC, chain_id DESC, seq DESC
LIMIT {limit:UInt32}
