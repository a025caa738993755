package dev.bazaar.ordering.adapter.db;

import java.sql.Timestamp;
import java.time.Instant;

import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.replica.KnownCustomers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcKnownCustomers implements KnownCustomers {

    private final JdbcClient jdbc;

    JdbcKnownCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void register(CustomerId customer, Instant registeredAt) {
        jdbc.sql("insert into known_customer (customer_id, registered_at) values (:id, :at) on conflict do nothing")
                .param("id", customer.value())
                .param("at", Timestamp.from(registeredAt))
                .update();
    }

    @Override
    public boolean exists(CustomerId customer) {
        return jdbc.sql("select exists (select 1 from known_customer where customer_id = :id)")
                .param("id", customer.value()).query(Boolean.class).single();
    }
}
