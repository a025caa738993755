-- The admin list, the one reader of this index, pages by order id since it was made to scale (keyset pages over
-- payment's unique order_id). Unread, it only cost every payment an index entry and its WAL.
drop index if exists payment_opened;
