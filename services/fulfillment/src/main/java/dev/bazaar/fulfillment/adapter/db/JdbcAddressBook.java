package dev.bazaar.fulfillment.adapter.db;

import java.util.Optional;
import java.util.UUID;

import dev.bazaar.fulfillment.shipment.Address;
import dev.bazaar.fulfillment.shipment.AddressBook;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcAddressBook implements AddressBook {

    private final JdbcClient jdbc;

    JdbcAddressBook(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lockCustomer(UUID customerId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "fulfillment.customer:" + customerId)
                .query((rs, row) -> 1).list();
    }

    /** One statement for both (a scheduled shipment needs them together): a join on the customer. */
    @Override
    public Optional<Destination> destinationOf(UUID customerId) {
        return jdbc.sql("""
                select a.line1, a.city, a.postal_code, a.country, i.instructions
                from customer_address a
                left join customer_delivery_instructions i on i.customer_id = a.customer_id and i.instructions <> ''
                where a.customer_id = :id""")
                .param("id", customerId)
                .query((rs, row) -> new Destination(new Address(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                        rs.getString(5)))
                .optional();
    }

    @Override
    public boolean put(UUID customerId, Address address, Long version) {
        return jdbc.sql("""
                insert into customer_address (customer_id, line1, city, postal_code, country, version)
                values (:id, :line1, :city, :postalCode, :country, coalesce(cast(:version as bigint), 0))
                on conflict (customer_id) do update
                set line1 = excluded.line1, city = excluded.city, postal_code = excluded.postal_code,
                    country = excluded.country, version = greatest(customer_address.version, excluded.version), updated_at = now()
                where cast(:version as bigint) is null or customer_address.version < cast(:version as bigint)""")
                .param("id", customerId)
                .param("line1", address.line1())
                .param("city", address.city())
                .param("postalCode", address.postalCode())
                .param("country", address.country())
                .param("version", version)
                .update() == 1;
    }

    @Override
    public Optional<String> deliveryInstructions(UUID customerId) {
        return jdbc.sql("select instructions from customer_delivery_instructions where customer_id = :id and instructions <> ''")
                .param("id", customerId)
                .query(String.class)
                .optional();
    }

    @Override
    public boolean putDeliveryInstructions(UUID customerId, String instructions, long version) {
        return jdbc.sql("""
                insert into customer_delivery_instructions (customer_id, instructions, version)
                values (:id, :instructions, :version)
                on conflict (customer_id) do update
                set instructions = excluded.instructions, version = excluded.version, updated_at = now()
                where customer_delivery_instructions.version < excluded.version""")
                .param("id", customerId)
                .param("instructions", instructions)
                .param("version", version)
                .update() == 1;
    }
}
