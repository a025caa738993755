-- Cards are now encrypted for payment's one-time keys (CardKeysOffered), one key per order. The long-lived key's
-- replica goes; payment no longer holds its private half.
drop table payment_key;

-- A claimed key stays, with the order that claimed it, so that a key offered again is never handed out twice.
create table card_key (
    key_id      text        primary key,
    jwk         text        not null,
    offered_at  timestamptz not null,
    claimed_by  uuid
);
create index card_key_unclaimed on card_key (offered_at, key_id) where claimed_by is null;
