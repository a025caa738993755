-- Customers are made only from identity's ShopperSignedUp now (the inbox applies each event once), so the key of
-- the retired POST /api/customers has nothing left to say.
alter table customer drop column idempotency_key;
