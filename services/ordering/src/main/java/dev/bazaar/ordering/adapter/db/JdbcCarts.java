package dev.bazaar.ordering.adapter.db;

import java.sql.Timestamp;
import java.util.List;

import dev.bazaar.ordering.cart.Cart;
import dev.bazaar.ordering.cart.CartItem;
import dev.bazaar.ordering.cart.Carts;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.Money;
import dev.bazaar.ordering.order.Sku;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcCarts implements Carts {

    private final JdbcClient jdbc;

    JdbcCarts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Cart of(CustomerId customer) {
        List<CartItem> items = jdbc.sql("""
                select sku, quantity, price_when_added, currency, added_at from cart_item
                where customer_id = :customer order by added_at, sku""")
                .param("customer", customer.value())
                .query((rs, row) -> new CartItem(new Sku(rs.getString(1)), rs.getInt(2), new Money(rs.getBigDecimal(3), rs.getString(4)),
                        rs.getTimestamp(5).toInstant()))
                .list();
        return new Cart(customer, items);
    }

    @Override
    public Cart lock(CustomerId customer) {
        // A row lock cannot guard an empty cart or a product not in it yet: an advisory lock on the customer guards both.
        // Two keys: a lock space apart from the one-key locks (the read model's rebuild).
        jdbc.sql("select pg_advisory_xact_lock(hashtext('ordering.cart'), hashtext(:customer))")
                .param("customer", customer.toString()).query(row -> { });
        return of(customer);
    }

    @Override
    public void put(CustomerId customer, CartItem item) {
        jdbc.sql("""
                insert into cart_item (customer_id, sku, quantity, price_when_added, currency, added_at)
                values (:customer, :sku, :quantity, :price, :currency, :addedAt)
                on conflict (customer_id, sku) do update set quantity = excluded.quantity""")
                .param("customer", customer.value())
                .param("sku", item.sku().value())
                .param("quantity", item.quantity())
                .param("price", item.priceWhenAdded().amount())
                .param("currency", item.priceWhenAdded().currency())
                .param("addedAt", Timestamp.from(item.addedAt()))
                .update();
    }

    @Override
    public void remove(CustomerId customer, Sku sku) {
        jdbc.sql("delete from cart_item where customer_id = :customer and sku = :sku")
                .param("customer", customer.value()).param("sku", sku.value()).update();
    }

    @Override
    public void empty(CustomerId customer) {
        jdbc.sql("delete from cart_item where customer_id = :customer").param("customer", customer.value()).update();
    }
}
