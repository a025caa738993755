-- Card numbers are now encrypted for one-time keys (see dev.bazaar.payment.cardkey). The long-lived RSA key and its
-- private half, stored in clear, go: ciphertexts made for it (in ordering's topic) can no longer be read by anyone.
-- A placement still in flight that was encrypted for it is declined as unreadable.
drop table card_encryption_key;

-- Offered keys, each until an order's placement takes it. The private half is wrapped under a key-encryption key
-- kept outside the database.
create table card_key_offer (
    key_id            text        primary key,
    kek_id            text        not null,
    wrapped_key       text        not null,
    offered_at        timestamptz not null
);

-- A pending payment holds the key its card was encrypted for, and loses it with the card when the charge is settled.
alter table payment add column card_kek_id text, add column card_wrapped_key text;
alter table payment add constraint payment_key_only_while_pending check (status = 'PENDING' or card_wrapped_key is null);
create index payment_card_kek on payment (card_kek_id) where card_wrapped_key is not null;
