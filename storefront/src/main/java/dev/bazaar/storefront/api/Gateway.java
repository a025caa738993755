package dev.bazaar.storefront.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.bazaar.storefront.StorefrontProperties;
import dev.bazaar.storefront.api.Model.Address;
import dev.bazaar.storefront.api.Model.Attention;
import dev.bazaar.storefront.api.Model.Cart;
import dev.bazaar.storefront.api.Model.Me;
import dev.bazaar.storefront.api.Model.Money;
import dev.bazaar.storefront.api.Model.OrderOverview;
import dev.bazaar.storefront.api.Model.OrderSummary;
import dev.bazaar.storefront.api.Model.Page;
import dev.bazaar.storefront.api.Model.Placed;
import dev.bazaar.storefront.api.Model.Preferences;
import dev.bazaar.storefront.api.Model.Product;
import dev.bazaar.storefront.api.Model.ProductLookup;
import dev.bazaar.storefront.api.Model.SignUp;
import dev.bazaar.storefront.api.Model.Stock;
import dev.bazaar.storefront.api.Model.SupportRequest;
import dev.bazaar.storefront.api.Model.SupportSummary;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.BufferingClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API, through the gateway (and for staff, the operations console's counts): browsing anonymously, everything else as the signed-in person (a
 * shopper, or staff on the staff pages), with their access token (renewed with their refresh token when it has
 * expired). The services decide what each may do. A 4xx answer is {@link Refused}, with the service's problem; no
 * answer, a 5xx or a timeout is {@link Unavailable}. Each of the two has a circuit breaker: when most recent calls got no
 * answer at all, pages fail at once for a few seconds instead of each holding a thread for the read timeout.
 */
@Component
public class Gateway {

    /** The chassis' problem types are {@code https://bazaar.dev/problems/<name>}; the name is what a page explains. */
    private static final String PROBLEM_TYPES = "/problems/";
    /** The gateway gives up on a service after 5 s; a little longer here, so its own answer arrives. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(6);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Only calls that got no answer count against a breaker: a 5xx or a 503 is the gateway answering (fast) for a
     * service behind it, which its own per-service breakers already handle. One trial call decides after the pause.
     */
    private static final CircuitBreakerConfig NO_ANSWER = CircuitBreakerConfig.custom()
            .slidingWindowSize(10).minimumNumberOfCalls(5).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(5)).permittedNumberOfCallsInHalfOpenState(1)
            .recordException(ResourceAccessException.class::isInstance).build();

    private final CircuitBreaker gatewayBreaker = CircuitBreaker.of("gateway", NO_ANSWER);
    private final CircuitBreaker consoleBreaker = CircuitBreaker.of("console", NO_ANSWER);
    private final RestClient anonymous;
    private final RestClient signedIn;
    private final RestClient console;

    Gateway(RestClient.Builder builder, StorefrontProperties properties, OAuth2AuthorizedClientManager authorizedClients) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(READ_TIMEOUT);
        // Buffered: the gateway refuses a body without a Content-Length (411), and the JDK client streams one it cannot size.
        RestClient.Builder gateway = builder.clone().baseUrl(properties.gateway().toString())
                .requestFactory(new BufferingClientHttpRequestFactory(requests))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw failure(response);
                });
        this.anonymous = gateway.clone().requestInterceptor(onBehalfOfTheVisitor(properties.proxySecret())).build();
        OAuth2ClientHttpRequestInterceptor withTheirToken = new OAuth2ClientHttpRequestInterceptor(authorizedClients);
        withTheirToken.setClientRegistrationIdResolver(request -> "identity");
        this.signedIn = gateway.clone().requestInterceptor(withTheirToken).build();
        // Not the gateway: the console is staff's own window on the platform, and takes a staff member's token too.
        this.console = gateway.clone().baseUrl(properties.console().toString()).requestInterceptor(withTheirToken).build();
    }

    /**
     * The gateway counts anonymous requests by address, and every visitor of the shop would be the shop's: it is told
     * whose request this is ({@code X-Forwarded-For}), and shown the secret that makes it believe that. Without a
     * secret, or outside a visit, the shop speaks for itself.
     */
    private static ClientHttpRequestInterceptor onBehalfOfTheVisitor(String proxySecret) {
        boolean vouches = proxySecret != null && !proxySecret.isBlank();
        return (request, body, execution) -> {
            if (vouches && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes visit) {
                request.getHeaders().set("X-Forwarded-For", visit.getRequest().getRemoteAddr());
                request.getHeaders().set("X-Bazaar-Proxy", proxySecret);
            }
            return execution.execute(request, body);
        };
    }

    // ---- browsing, anyone

    /**
     * The words and the category travel as URI variables, which are encoded whole: a value written into the query
     * itself keeps its {@code +}, which the catalog reads as a space (a search for "C++" looked for "C").
     */
    public Page<Product> products(String query, String category, int page, int size) {
        return call("catalog", () -> anonymous.get().uri(uri -> {
                    Map<String, Object> values = new HashMap<>();
                    uri.path("/api/catalog/products");
                    if (query != null) {
                        uri.queryParam("q", "{q}");
                        values.put("q", query);
                    }
                    if (category != null) {
                        uri.queryParam("category", "{category}");
                        values.put("category", category);
                    }
                    return uri.queryParam("page", page).queryParam("size", size).build(values);
                })
                .retrieve().body(new ParameterizedTypeReference<Page<Product>>() { }));
    }

    /**
     * A product as fresh as the platform can tell it: while catalog is away the gateway answers what it last heard
     * ({@code X-Bazaar-Stale}), and when it heard nothing, nothing is known but the SKU. An unknown SKU is
     * {@link Refused} (404).
     */
    public ProductLookup product(String sku) {
        try {
            ResponseEntity<Product> answer = call("catalog", () -> anonymous.get().uri("/api/catalog/products/{sku}", sku)
                    .retrieve().toEntity(Product.class));
            return new ProductLookup(answer.getBody(), "true".equals(answer.getHeaders().getFirst("X-Bazaar-Stale")));
        } catch (Unavailable e) {
            return new ProductLookup(null, true);
        }
    }

    public Stock stock(String sku) {
        return call("inventory", () -> anonymous.get().uri("/api/inventory/stock/{sku}", sku).retrieve().body(Stock.class));
    }

    // ---- the signed-in shopper's

    public Cart cart() {
        return call("ordering", () -> signedIn.get().uri("/api/cart").retrieve().body(Cart.class));
    }

    public Cart setQuantity(String sku, int quantity) {
        return call("ordering", () -> signedIn.put().uri("/api/cart/items/{sku}", sku).body(Map.of("quantity", quantity))
                .retrieve().body(Cart.class));
    }

    public Cart remove(String sku) {
        return call("ordering", () -> signedIn.delete().uri("/api/cart/items/{sku}", sku).retrieve().body(Cart.class));
    }

    /** The cart becomes an order; the same key sent twice (a double click, a reload) places it once. */
    public Placed checkout(String card, String idempotencyKey) {
        return call("ordering", () -> signedIn.post().uri("/api/cart/checkout").header("Idempotency-Key", idempotencyKey)
                .body(Map.of("payment", Map.of("card", card))).retrieve().body(Placed.class));
    }

    /**
     * The order and how its reservation, payment and shipment stand, each part answered or not on its own. Without the
     * order itself (ordering down or slow: the gateway marks that part unavailable and still answers 200) there is no
     * page to draw: {@link Unavailable}.
     */
    public OrderOverview order(String orderId) {
        OrderOverview overview = call("ordering", () -> signedIn.get().uri("/api/orders/{id}/overview", orderId).retrieve()
                .body(OrderOverview.class));
        if (overview == null || overview.order() == null || overview.order().value() == null) {
            throw new Unavailable("ordering could not tell the order through the gateway: "
                    + (overview == null || overview.order() == null ? "no answer" : overview.order().detail()), null);
        }
        return overview;
    }

    /** The shopper changed their mind: ordering cancels it until it ships, and the saga refunds or voids its payment. */
    public void cancel(String orderId) {
        call("ordering", () -> signedIn.post().uri("/api/orders/{id}/cancel", orderId).retrieve().toBodilessEntity());
    }

    public Page<OrderSummary> orders(String customerId, int page) {
        return call("ordering", () -> signedIn.get().uri("/api/customers/{id}/orders?page={page}&size=20", customerId, page)
                .retrieve().body(new ParameterizedTypeReference<Page<OrderSummary>>() { }));
    }

    public Me me() {
        return call("customer", () -> signedIn.get().uri("/api/me").retrieve().body(Me.class));
    }

    public void changeAddress(String customerId, Address address) {
        call("customer", () -> signedIn.put().uri("/api/customers/{id}/address", customerId).body(address).retrieve().toBodilessEntity());
    }

    public Preferences preferences(String customerId) {
        return call("customer", () -> signedIn.get().uri("/api/customers/{id}/preferences", customerId).retrieve().body(Preferences.class));
    }

    public void changePreferences(String customerId, Preferences preferences) {
        call("customer", () -> signedIn.put().uri("/api/customers/{id}/preferences", customerId).body(preferences)
                .retrieve().toBodilessEntity());
    }

    public Page<SupportSummary> supportRequests(String customerId, int page) {
        return call("customer", () -> signedIn.get().uri("/api/customers/{id}/support-requests?page={page}&size=20", customerId, page)
                .retrieve().body(new ParameterizedTypeReference<Page<SupportSummary>>() { }));
    }

    /** Staff's queue: the requests in a status, the longest waiting first. */
    public Page<SupportSummary> supportQueue(String status, int page) {
        return call("customer", () -> signedIn.get().uri("/api/customers/support-requests?status={status}&page={page}&size=50", status, page)
                .retrieve().body(new ParameterizedTypeReference<Page<SupportSummary>>() { }));
    }

    public SupportRequest supportRequest(String customerId, String requestId) {
        return call("customer", () -> signedIn.get().uri("/api/customers/{id}/support-requests/{request}", customerId, requestId)
                .retrieve().body(SupportRequest.class));
    }

    /** Opens a request; the key makes a form sent twice open one. */
    public SupportRequest openSupportRequest(String customerId, String orderId, String subject, String message, String idempotencyKey) {
        return call("customer", () -> signedIn.post().uri("/api/customers/{id}/support-requests", customerId)
                .header("Idempotency-Key", idempotencyKey)
                .body(Map.of("orderId", orderId, "subject", subject, "message", message)).retrieve().body(SupportRequest.class));
    }

    public void writeToSupport(String customerId, String requestId, String text) {
        call("customer", () -> signedIn.post().uri("/api/customers/{id}/support-requests/{request}/messages", customerId, requestId)
                .body(Map.of("text", text)).retrieve().toBodilessEntity());
    }

    public void closeSupportRequest(String customerId, String requestId) {
        call("customer", () -> signedIn.post().uri("/api/customers/{id}/support-requests/{request}/close", customerId, requestId)
                .retrieve().toBodilessEntity());
    }

    // ---- staff's

    /** Orders needing a person: stuck ones, and the latest refunded after payment. Staff and the operator only. */
    public Attention ordersNeedingAttention() {
        return call("ordering", () -> signedIn.get().uri("/api/orders/attention?size=50").retrieve().body(Attention.class));
    }

    /**
     * The dead letters each service holds, as the operations console counts them from every process's metrics (staff
     * only there too): the services whose consumers gave up on an event, for staff to look at on the console.
     */
    public Map<String, Integer> deadLetters() {
        JsonNode dashboard = call("console", () -> console.get().uri("/api/dashboard").retrieve().body(JsonNode.class));
        Map<String, Integer> held = new TreeMap<>();
        dashboard.path("services").forEach(service -> {
            int count = service.path("deadLetters").asInt(0);
            if (count > 0) {
                held.put(service.path("name").asString(), count);
            }
        });
        return held;
    }

    public Product addProduct(Product product) {
        return call("catalog", () -> signedIn.post().uri("/api/catalog/products").body(product).retrieve().body(Product.class));
    }

    public Product changePrice(String sku, Money price) {
        return call("catalog", () -> signedIn.put().uri("/api/catalog/products/{sku}/price", sku).body(price).retrieve().body(Product.class));
    }

    public Stock receiveStock(String sku, int quantity) {
        return call("inventory", () -> signedIn.post().uri("/api/inventory/stock/{sku}/receipts", sku).body(Map.of("quantity", quantity))
                .retrieve().body(Stock.class));
    }

    /** Anyone may sign up; the answer is the same whether or not the address had an account (identity says why). */
    public void signUp(SignUp signUp) {
        call("identity", () -> anonymous.post().uri("/api/identity/sign-up").body(signUp).retrieve().toBodilessEntity());
    }

    private <T> T call(String service, Supplier<T> request) {
        CircuitBreaker breaker = service.equals("console") ? consoleBreaker : gatewayBreaker;
        try {
            return breaker.executeSupplier(request);
        } catch (ResourceAccessException e) {
            throw new Unavailable(service + " could not be reached through the gateway: " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new Unavailable("the " + breaker.getName() + " has not been answering; trying again in a few seconds", e);
        }
    }

    private static RuntimeException failure(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
        if (status >= 500) {
            return new Unavailable("the gateway answered " + status + ": " + body, null);
        }
        String problem = "";
        String detail = body;
        try {
            JsonNode json = JSON.readTree(body);
            String type = json.path("type").asString("");
            problem = type.contains(PROBLEM_TYPES) ? type.substring(type.lastIndexOf(PROBLEM_TYPES) + PROBLEM_TYPES.length()) : "";
            detail = json.path("detail").asString(body);
        } catch (RuntimeException notJson) {
            // A refusal without a problem body (the gateway's own 401 for a bad token): its status says enough.
        }
        return new Refused(status, problem, detail);
    }
}
