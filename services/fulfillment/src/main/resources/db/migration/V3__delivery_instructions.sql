-- Fulfillment's replica of customers' delivery instructions, from customer's CustomerPreferencesChanged; apart from the
-- address, as each has its own events and a customer may have instructions before fulfillment knows their address.
create table customer_delivery_instructions (
    customer_id   uuid        primary key,
    instructions  text        not null,
    -- The customer's version they come from: a late or redriven event older than it is not applied.
    version       bigint      not null,
    updated_at    timestamptz not null default now()
);

-- What the carrier should read on the parcel, as known when the shipment was scheduled; null: none.
alter table shipment add column delivery_instructions text;
