package dev.bazaar.ordering.adapter.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import dev.bazaar.ordering.adapter.web.OrderController.MoneyView;
import dev.bazaar.ordering.adapter.web.OrderController.PaymentRequest;
import dev.bazaar.ordering.adapter.web.OrderController.Placed;
import dev.bazaar.ordering.cart.Amount;
import dev.bazaar.ordering.cart.Cart;
import dev.bazaar.ordering.cart.PricedCart;
import dev.bazaar.ordering.cart.application.Shopping;
import dev.bazaar.ordering.order.CardNumber;
import dev.bazaar.ordering.order.CustomerId;
import dev.bazaar.ordering.order.OrderStatus;
import dev.bazaar.ordering.order.Sku;
import dev.bazaar.ordering.order.application.Checkout;
import dev.bazaar.ordering.order.application.CheckoutAdmission;
import dev.bazaar.platform.web.Caller;
import dev.bazaar.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shopper's cart, always the caller's own (the customer their token names; only shoppers may: see
 * {@code bazaar.access.rules}), so there is no cart id to probe. Every change answers with the whole cart as it now is,
 * priced: a client shows it without asking again.
 *
 * <p>Its checkout answers exactly as POST /api/orders does, problems included ({@link CheckoutProblems}); the card is
 * handled as there (see {@link OrderController}).
 */
@RestController
@RequestMapping("/api/cart")
class CartController {

    private final Shopping shopping;
    private final Checkout checkout;
    private final CheckoutAdmission admission;

    CartController(Shopping shopping, Checkout checkout, CheckoutAdmission admission) {
        this.shopping = shopping;
        this.checkout = checkout;
        this.admission = admission;
    }

    @GetMapping
    CartView cart(Caller caller) {
        return CartView.of(shopping.cart(new CustomerId(caller.customerId())));
    }

    @PutMapping("/items/{sku}")
    CartView set(@PathVariable String sku, @Valid @RequestBody QuantityRequest request, Caller caller) {
        return CartView.of(shopping.set(new CustomerId(caller.customerId()), new Sku(sku), request.quantity()));
    }

    @DeleteMapping("/items/{sku}")
    CartView remove(@PathVariable String sku, Caller caller) {
        return CartView.of(shopping.remove(new CustomerId(caller.customerId()), new Sku(sku)));
    }

    /**
     * The Idempotency-Key is required here, unlike on POST /api/orders: the cart is emptied by the first checkout, so a
     * retry without a key could only answer "empty" and never tell the client that its first attempt ordered.
     */
    @PostMapping("/checkout")
    ResponseEntity<Placed> checkout(@Valid @RequestBody CheckoutRequest request,
                                    @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                    @RequestHeader(name = "X-Request-Start", required = false) String requestStart,
                                    Caller caller) {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("A checkout of the cart needs an Idempotency-Key of 1 to 200 characters");
        }
        CustomerId customer = new CustomerId(caller.customerId());
        CardNumber card = CardNumber.parse(request.payment().card());
        try {
            admission.admit(OrderController.receivedAt(requestStart));
        } catch (CheckoutAdmission.Refused refused) {
            // A retry of a checkout that went through gets its order, not "nothing was ordered" (Checkout#placedBefore).
            return OrderController.accepted(checkout.placedBefore(customer, idempotencyKey,
                    new Checkout.PlaceCart(customer, card, idempotencyKey).fingerprint()).orElseThrow(() -> refused));
        }
        return OrderController.accepted(shopping.checkout(customer, card, idempotencyKey));
    }

    /** 409: the request is well formed, the cart's state is what stands in its way. */
    @ExceptionHandler(Shopping.CartEmpty.class)
    ProblemDetail cartEmpty(Shopping.CartEmpty e) {
        return Problems.problem(HttpStatus.CONFLICT, "cart-empty", "Cart empty", e.getMessage());
    }

    /** 400, as for an order of more lines than an order holds. */
    @ExceptionHandler(Cart.Full.class)
    ProblemDetail cartFull(Cart.Full e) {
        return Problems.problem(HttpStatus.BAD_REQUEST, "cart-full", "Cart full", e.getMessage());
    }

    record QuantityRequest(@NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    record CheckoutRequest(@NotNull @Valid PaymentRequest payment) {
    }

    /**
     * @param total null when the cart cannot be totalled in one currency (see {@link PricedCart#total()})
     * @param count how many pieces, every item's quantity added up
     */
    record CartView(List<ItemView> items, AmountView total, int count) {
        static CartView of(PricedCart cart) {
            return new CartView(cart.lines().stream().map(ItemView::of).toList(), AmountView.of(cart.total()), cart.count());
        }
    }

    /** unitPrice, lineTotal and name are null when the product is not available. */
    record ItemView(String sku, String name, int quantity, MoneyView unitPrice, MoneyView priceWhenAdded, boolean priceChanged,
                    AmountView lineTotal, boolean available) {
        static ItemView of(PricedCart.Line line) {
            return new ItemView(line.sku().value(), line.name(), line.quantity(),
                    line.unitPrice() == null ? null : MoneyView.of(line.unitPrice()), MoneyView.of(line.priceWhenAdded()),
                    line.priceChanged(), AmountView.of(line.lineTotal()), line.available());
        }
    }

    record AmountView(BigDecimal amount, String currency) {
        static AmountView of(Amount amount) {
            return amount == null ? null : new AmountView(amount.amount(), amount.currency());
        }
    }
}
