-- What the probe consumer did, one row per applied event.
create table probe_effect (
    event_id  text primary key,
    subject   text not null,
    payload   text not null
);
