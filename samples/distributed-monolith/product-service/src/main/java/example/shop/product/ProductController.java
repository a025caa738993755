package example.shop.product;

import example.shop.domain.Product;
import example.shop.domain.ReserveStock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Products and their stock. product-service is meant to own the {@code products} table,
 * but order-service reads prices from it directly (sign: shared database).
 */
@RestController
class ProductController {

    private final JdbcClient jdbc;

    ProductController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/products/{id}")
    Product product(@PathVariable long id) {
        return jdbc.sql("select id, name, price_cents, stock from products where id = :id")
                .param("id", id)
                .query(Product.class)
                .optional()
                .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "Unknown product", "There is no product " + id));
    }

    /** Takes {@code quantity} items out of stock, or answers 409 when there are not enough. */
    @PostMapping("/products/{id}/reserve")
    Map<String, Object> reserve(@PathVariable long id, @RequestBody ReserveStock request) {
        if (request.quantity() == null || request.quantity() < 1) {
            throw problem(HttpStatus.BAD_REQUEST, "Invalid reservation", "quantity must be a whole number of at least 1");
        }
        int quantity = request.quantity();
        Long stockLeft = jdbc.sql("""
                        update products set stock = stock - :q
                        where id = :id and stock >= :q
                        returning stock""")
                .param("q", quantity)
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (stockLeft == null) {
            product(id); // 404 when the product does not exist at all
            throw problem(HttpStatus.CONFLICT, "Out of stock", "Product " + id + " has fewer than " + quantity + " items in stock");
        }
        return Map.of("productId", id, "reserved", quantity, "stock", stockLeft);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
