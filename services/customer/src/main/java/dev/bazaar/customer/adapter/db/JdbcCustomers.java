package dev.bazaar.customer.adapter.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import dev.bazaar.customer.profile.Address;
import dev.bazaar.customer.profile.Customer;
import dev.bazaar.customer.profile.CustomerId;
import dev.bazaar.customer.profile.Customers;
import dev.bazaar.customer.profile.Email;
import dev.bazaar.customer.profile.Preferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCustomers implements Customers {

    private static final String COLUMNS = "id, email, name, line1, city, postal_code, country, marketing_consent, delivery_instructions, version";

    private final JdbcClient jdbc;

    JdbcCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ?").param(id.value()).query(this::customer).optional();
    }

    @Override
    public Optional<Customer> findForUpdate(CustomerId id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ? for update").param(id.value())
                .query(this::customer).optional();
    }

    /** Without a conflict target, "do nothing" covers both the id and the email. */
    @Override
    public boolean add(Customer customer) {
        return jdbc.sql("""
                insert into customer (id, email, name, line1, city, postal_code, country, version)
                values (:id, :email, :name, :line1, :city, :postalCode, :country, :version)
                on conflict do nothing""")
                .param("id", customer.id().value())
                .param("email", customer.email().value())
                .param("name", customer.name())
                .param("line1", customer.address().line1())
                .param("city", customer.address().city())
                .param("postalCode", customer.address().postalCode())
                .param("country", customer.address().country())
                .param("version", customer.version())
                .update() == 1;
    }

    @Override
    public void update(Customer customer) {
        jdbc.sql("""
                update customer set line1 = :line1, city = :city, postal_code = :postalCode, country = :country,
                                    marketing_consent = :marketingConsent, delivery_instructions = :deliveryInstructions,
                                    version = :version
                where id = :id""")
                .param("id", customer.id().value())
                .param("line1", customer.address().line1())
                .param("city", customer.address().city())
                .param("postalCode", customer.address().postalCode())
                .param("country", customer.address().country())
                .param("marketingConsent", customer.preferences().marketingConsent())
                .param("deliveryInstructions", customer.preferences().deliveryInstructions())
                .param("version", customer.version())
                .update();
    }

    private Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(new CustomerId(rs.getObject("id", UUID.class)), new Email(rs.getString("email")), rs.getString("name"),
                new Address(rs.getString("line1"), rs.getString("city"), rs.getString("postal_code"), rs.getString("country")),
                new Preferences(rs.getBoolean("marketing_consent"), rs.getString("delivery_instructions")), rs.getLong("version"));
    }
}
