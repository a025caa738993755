-- Seed data, idempotent: every service runs it at start.
insert into users (id, name, email)
select g, 'User ' || g, 'user' || g || '@example.com'
from generate_series(1, 20) as g
on conflict (id) do nothing;

insert into products (id, name, price_cents, stock) values
    (1, 'Espresso cup', 650, 100000000),
    (2, 'French press', 2900, 100000000),
    (3, 'Coffee grinder', 4500, 100000000),
    (4, 'Milk jug', 1200, 100000000),
    (5, 'Pour-over kettle', 3900, 100000000),
    (6, 'Paper filters', 450, 100000000),
    (7, 'Coffee scale', 2200, 100000000),
    (8, 'Tamper', 1800, 100000000),
    (9, 'Knock box', 1500, 100000000),
    (10, 'Bean canister', 1100, 100000000)
on conflict (id) do nothing;
