package dev.bazaar.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.bazaar.inventory.reservation.OrderId;
import dev.bazaar.inventory.reservation.ReservationLine;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderCancelled;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderConfirmed;
import dev.bazaar.inventory.reservation.application.StockReservations.OrderPlaced;
import dev.bazaar.inventory.reservation.application.StockReservations;
import dev.bazaar.inventory.stock.Sku;
import dev.bazaar.inventory.stock.application.StockKeeping.ProductAdded;
import dev.bazaar.inventory.stock.application.StockKeeping;
import dev.bazaar.platform.testing.ServiceIntegrationTest;
import dev.bazaar.platform.testing.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The operators' view of inventory that the launcher's audit reads: {@code /admin/stock} and {@code /admin/reservations}. */
@ServiceIntegrationTest
class AdminIT {

    @LocalServerPort
    int port;
    @Autowired
    StockKeeping stock;
    @Autowired
    StockReservations reservations;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void listsEveryStockItemWithCountsThatAddUpToWhatIsOnHand() {
        Sku sku = stocked();
        stock.receive(sku, 7);
        OrderPlaced shipped = placed(line(sku, 3));
        OrderPlaced held = placed(line(sku, 4));
        OrderPlaced returned = placed(line(sku, 5));
        reservations.on(shipped);
        reservations.on(new OrderConfirmed(shipped.orderId()));
        reservations.on(held);
        reservations.on(returned);
        reservations.on(new OrderConfirmed(returned.orderId()));
        reservations.on(new OrderCancelled(returned.orderId(), "carrier does not deliver to AQ"));

        List<Map<String, Object>> items = all("/admin/stock", "");

        assertThat(items).contains(Map.of("sku", sku.value(), "onHand", 54, "reserved", 4, "available", 50,
                "initial", 50, "received", 7, "committed", 3));
        assertThat(items).allSatisfy(item -> assertThat(number(item, "onHand"))
                .as("on hand of %s", item.get("sku"))
                .isEqualTo(number(item, "initial") + number(item, "received") - number(item, "committed")));
        assertThat(items).extracting(item -> (String) item.get("sku")).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void listsReservationsWithTheirStatusLinesAndExpiry() {
        Sku book = stocked();
        Sku lamp = stocked();
        OrderPlaced held = placed(line(book, 1), line(lamp, 2));
        OrderPlaced committed = placed(line(book, 3));
        OrderPlaced released = placed(line(lamp, 4));
        OrderPlaced restocked = placed(line(book, 5));
        List.of(held, committed, released, restocked).forEach(reservations::on);
        reservations.on(new OrderConfirmed(committed.orderId()));
        reservations.on(new OrderCancelled(released.orderId(), "payment declined"));
        reservations.on(new OrderConfirmed(restocked.orderId()));
        reservations.on(new OrderCancelled(restocked.orderId(), "deadline passed"));

        Map<String, Map<String, Object>> byOrder = new java.util.HashMap<>();
        all("/admin/reservations", "").forEach(item -> byOrder.put((String) item.get("orderId"), item));

        Map<String, Object> heldView = byOrder.get(held.orderId().toString());
        assertThat(heldView).containsEntry("status", "HELD")
                .containsEntry("lines", List.of(Map.of("sku", book.value(), "quantity", 1), Map.of("sku", lamp.value(), "quantity", 2)))
                .containsEntry("expiresAt", reservations.find(held.orderId()).orElseThrow().expiresAt().toString());
        assertThat(byOrder.get(committed.orderId().toString())).containsEntry("status", "COMMITTED");
        assertThat(byOrder.get(released.orderId().toString())).containsEntry("status", "RELEASED");
        assertThat(byOrder.get(restocked.orderId().toString())).containsEntry("status", "RESTOCKED")
                .containsEntry("lines", List.of(Map.of("sku", book.value(), "quantity", 5)));
        assertThat(all("/admin/reservations", "&status=HELD")).extracting(item -> item.get("status")).containsOnly("HELD")
                .hasSizeGreaterThanOrEqualTo(1);
        assertThat(all("/admin/reservations", "&status=restocked")).extracting(item -> item.get("orderId"))
                .contains(restocked.orderId().toString()).doesNotContain(held.orderId().toString());
    }

    @Test
    void pagesAreDisjointSlicesOfTheWholeList() {
        for (int i = 0; i < 3; i++) {
            reservations.on(placed(line(stocked(), 1)));
        }

        Map<String, Object> first = page("/admin/reservations?page=0&size=2");
        Map<String, Object> second = page("/admin/reservations?page=1&size=2");

        assertThat(first).containsEntry("page", 0).containsEntry("size", 2);
        assertThat(second).containsEntry("page", 1).containsEntry("size", 2);
        assertThat(number(first, "total")).isGreaterThanOrEqualTo(3);
        assertThat(items(first)).hasSize(2);
        assertThat(items(second)).isNotEmpty().doesNotContainAnyElementsOf(items(first));
        assertThat(page("/admin/stock?page=100000&size=1000")).containsEntry("items", List.of());
    }

    @Test
    void reservationsGoByOrderIdAndWalkWithAfterToTheEndOrThrough() {
        for (int i = 0; i < 3; i++) {
            reservations.on(placed(line(stocked(), 1)));
        }
        List<String> whole = orderIds(all("/admin/reservations", ""));

        List<String> walked = new ArrayList<>();
        String after = null;
        List<String> ids;
        do {
            Map<String, Object> body = page("/admin/reservations?size=2" + (after == null ? "" : "&after=" + after));
            assertThat(body).containsEntry("page", 0).containsEntry("size", 2);
            if (after == null) {
                assertThat(number(body, "total")).isEqualTo(whole.size());
            } else {
                assertThat(body).as("a page after a key is not counted").doesNotContainKey("total");
            }
            ids = orderIds(items(body));
            walked.addAll(ids);
            after = ids.isEmpty() ? after : ids.get(ids.size() - 1);
        } while (ids.size() == 2);

        // The text of a UUID sorts as PostgreSQL sorts uuids (unsigned, byte by byte); Java's UUID.compareTo does not.
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3).isSorted().doesNotHaveDuplicates();
        assertThat(walked).isEqualTo(whole);
        assertThat(orderIds(items(page("/admin/reservations?size=1000&through=" + whole.get(1))))).isEqualTo(whole.subList(0, 2));
        assertThat(orderIds(items(page("/admin/reservations?after=" + whole.get(0) + "&through=" + whole.get(2)))))
                .isEqualTo(whole.subList(1, 3));
    }

    @Test
    void theStatusFilterHoldsWithinAfterAndThrough() {
        Sku sku = stocked();
        List<OrderPlaced> placed = new ArrayList<>(List.of(placed(line(sku, 1)), placed(line(sku, 1)), placed(line(sku, 1))));
        placed.sort(Comparator.comparing(order -> order.orderId().toString()));
        placed.forEach(reservations::on);
        reservations.on(new OrderConfirmed(placed.get(1).orderId()));
        String first = placed.get(0).orderId().toString();
        String last = placed.get(2).orderId().toString();

        Map<String, Object> held = page("/admin/reservations?status=HELD&size=1000&after=" + first + "&through=" + last);

        assertThat(items(held)).extracting(item -> item.get("status")).containsOnly("HELD");
        assertThat(orderIds(items(held))).contains(last).doesNotContain(first, placed.get(1).orderId().toString())
                .allSatisfy(id -> assertThat(id).isGreaterThan(first).isLessThanOrEqualTo(last));
        assertThat(held).doesNotContainKey("total");
    }

    @Test
    void answersAnInvalidPageWithAProblemNamingTheParameter() {
        Map<String, String> invalid = Map.of(
                "/admin/stock?size=0", "size",
                "/admin/stock?size=1001", "size",
                "/admin/reservations?page=-1", "page",
                "/admin/reservations?status=LOST", "status",
                "/admin/reservations?page=1&after=" + UUID.randomUUID(), "page and after exclude each other",
                "/admin/reservations?after=not-a-uuid", "after must be a UUID",
                "/admin/reservations?through=42", "through must be a UUID");
        invalid.forEach((uri, parameter) -> {
            ResponseEntity<Map<String, Object>> response = http.get().uri(uri).retrieve().toEntity(MAP);

            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(uri).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody()).as(uri).containsEntry("type", "https://bazaar.dev/problems/invalid-request");
            assertThat((String) response.getBody().get("detail")).as(uri).contains(parameter);
        });
    }

    /** Every item of an admin list, read page by page as the audit does. */
    private List<Map<String, Object>> all(String path, String filter) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Map<String, Object> body = page(path + "?size=1000&page=" + page + filter);
            all.addAll(items(body));
            if (all.size() >= number(body, "total") || items(body).isEmpty()) {
                return all;
            }
        }
    }

    private static List<String> orderIds(List<Map<String, Object>> items) {
        return items.stream().map(item -> (String) item.get("orderId")).toList();
    }

    private Map<String, Object> page(String uri) {
        ResponseEntity<Map<String, Object>> response = http.get().uri(uri).retrieve().toEntity(MAP);
        assertThat(response.getStatusCode().value()).as(uri).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    private Sku stocked() {
        Sku sku = new Sku(StockIT.freshSku());
        stock.on(new ProductAdded(sku));
        return sku;
    }

    private static OrderPlaced placed(ReservationLine... lines) {
        return new OrderPlaced(new OrderId(UUID.randomUUID()), UUID.randomUUID(), List.of(lines));
    }

    private static ReservationLine line(Sku sku, int quantity) {
        return new ReservationLine(sku, quantity);
    }

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
}
