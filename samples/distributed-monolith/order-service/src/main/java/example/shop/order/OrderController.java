package example.shop.order;

import example.shop.domain.Money;
import example.shop.domain.PlaceOrder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OrderController {

    static final int MAX_QUANTITY = 1_000;

    private final OrderService orders;

    OrderController(OrderService orders) {
        this.orders = orders;
    }

    /** Places an order; answers only once every downstream service has answered. */
    @PostMapping("/orders")
    @ResponseStatus(HttpStatus.CREATED)
    OrderPlaced place(@RequestBody PlaceOrder request) {
        if (request.userId() == null || request.userId() < 1) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid order", "userId must be a positive number");
        }
        if (request.productId() == null || request.productId() < 1) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid order", "productId must be a positive number");
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid order", "quantity must be between 1 and " + MAX_QUANTITY);
        }
        if (!Money.isCardNumber(request.cardNumber())) {
            throw Problems.of(HttpStatus.BAD_REQUEST, "Invalid order", "cardNumber must be 12 to 19 digits");
        }
        return orders.place(request);
    }

    @GetMapping("/orders/{id}")
    OrderDetails order(@PathVariable long id) {
        return orders.find(id)
                .orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "Unknown order", "There is no order " + id));
    }
}
