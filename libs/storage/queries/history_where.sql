-- The records of a history query: occurred_at in [from, to), and each filter that is given (an
-- empty value filters nothing). Values are bound, never written into the text. Shared by the
-- history pages and their count (TransactionHistory), which put it in place of their WHERE.
occurred_at >= {from:DateTime64(3, 'UTC')} AND occurred_at < {to:DateTime64(3, 'UTC')}
AND ({platform:String} = '' OR platform = {platform:String})
AND ({consumer:String} = '' OR consumer = {consumer:String})
AND ({provider:String} = '' OR provider = {provider:String})
AND ({service:String} = '' OR service = {service:String})
AND ({outcome:String} = '' OR toString(outcome) = {outcome:String})
AND ({error_code:String} = '' OR error_code = {error_code:String})
AND ({transaction_id:String} = '' OR transaction_id = {transaction_id:String})
AND ({reported_by:String} = '' OR toString(reported_by) = {reported_by:String})
AND ({subject_ref:String} = '' OR subject_ref = {subject_ref:String})
