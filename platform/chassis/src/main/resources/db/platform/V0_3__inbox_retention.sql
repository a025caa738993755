-- The inbox keeps the ids of applied events for bazaar.messaging.inbox-retention; InboxRetention deletes older ones.
create index inbox_received_at on inbox (received_at);
