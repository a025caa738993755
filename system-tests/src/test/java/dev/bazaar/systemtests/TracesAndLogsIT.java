package dev.bazaar.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bazaar.launcher.Platform;
import dev.bazaar.launcher.TraceTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.bazaar.systemtests.Shopper.APPROVED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order, seen from outside as an operator would: its whole journey is one trace in the platform's Zipkin, in causal
 * order, and {@code ./bazaar logs --order} merges the lines every service wrote about it, all of that trace.
 */
class TracesAndLogsIT {

    /** The journey's steps, each caused by the one before: service and span name. */
    private static final List<String[]> CHAIN = List.of(new String[] {"ordering", "http post /api/orders"},
            new String[] {"inventory", "publish stockreserved"}, new String[] {"payment", "processor charge"},
            new String[] {"ordering", "publish orderconfirmed"}, new String[] {"fulfillment", "carrier delivery"},
            new String[] {"fulfillment", "publish shipmentdelivered"}, new String[] {"ordering", "publish orderdelivered"});

    private static Platform platform;
    private static Shopper shopper;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.get();
        shopper = new Shopper(RunningPlatform.gateway());
    }

    @Test
    void anOrdersJourneyIsOneTraceAndItsLogsShareIt() throws Exception {
        Shopper.Customer customer = shopper.registerCustomer();
        String orderId = shopper.placeOrder(customer, "BOOK-003", 1, APPROVED);
        shopper.awaitStatus(orderId, "DELIVERED");

        // Each process reports its spans to Zipkin a moment after each step, in its own time: wait until every step of
        // the chain below has arrived and the tree is whole (one root), then judge it.
        TraceTree trace = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> platform.trace(orderId), found -> found.isPresent() && found.get().roots().size() == 1
                        && CHAIN.stream().allMatch(step -> find(found.get(), step[0], step[1]).isPresent())).orElseThrow();
        trace.render().forEach(System.out::println);

        assertThat(trace.services()).contains("gateway", "ordering", "inventory", "payment", "fulfillment");
        assertThat(trace.spans()).as("no step failed").noneMatch(TraceTree.Node::failed);
        assertThat(trace.spans()).as("one trace").extracting(span -> trace.traceId()).containsOnly(trace.traceId());
        // Causal order: each step descends from the one that caused it, and starts no earlier.
        assertThat(trace.roots()).as("the journey begins at the gateway, and nowhere else").hasSize(1);
        TraceTree.Node request = trace.roots().get(0);
        assertThat(request.service()).isEqualTo("gateway");
        assertThat(request.kind()).isEqualTo("SERVER");
        TraceTree.Node checkout = only(trace, "ordering", "http post /api/orders");
        TraceTree.Node reserved = only(trace, "inventory", "publish stockreserved");
        TraceTree.Node charge = only(trace, "payment", "processor charge");
        TraceTree.Node confirmed = only(trace, "ordering", "publish orderconfirmed");
        TraceTree.Node delivery = only(trace, "fulfillment", "carrier delivery");
        TraceTree.Node delivered = only(trace, "ordering", "publish orderdelivered");
        List<TraceTree.Node> chain = List.of(request, checkout, reserved, charge, confirmed, delivery, delivered);
        for (int i = 1; i < chain.size(); i++) {
            TraceTree.Node cause = chain.get(i - 1);
            TraceTree.Node effect = chain.get(i);
            assertThat(descendsFrom(effect, cause)).as(effect.service() + " " + effect.name() + " descends from "
                    + cause.service() + " " + cause.name()).isTrue();
            assertThat(effect.timestampMicros()).as(effect.name() + " starts after " + cause.name())
                    .isGreaterThanOrEqualTo(cause.timestampMicros());
        }
        assertThat(checkout.tags()).containsEntry("orderId", orderId);
        assertThat(charge.tags()).containsEntry("orderId", orderId).containsEntry("bazaar.outcome", "captured");
        assertThat(only(trace, "inventory", "ordering.events process", "OrderPlaced").tags())
                .containsEntry("orderId", orderId).containsEntry("bazaar.outcome", "applied");

        // The logs, as ./bazaar logs --order prints them: lines from every service the order went through, one trace.
        List<String> lines = Cli.bazaar(platform, Duration.ofSeconds(60), "logs", "--order", orderId);
        Pattern line = Pattern.compile("^\\S+ (\\S+)\\s+\\S+\\s+\\[(\\w+)/\\w+\\] .*");
        List<String> services = new ArrayList<>();
        for (String text : lines) {
            Matcher matcher = line.matcher(text);
            assertThat(matcher.matches()).as("a line with a trace: " + text).isTrue();
            assertThat(trace.traceId()).as(text).startsWith(matcher.group(2));
            services.add(matcher.group(1));
        }
        assertThat(services).contains("ordering", "inventory", "payment", "fulfillment");
    }

    private static boolean descendsFrom(TraceTree.Node node, TraceTree.Node ancestor) {
        return ancestor.children().stream().anyMatch(child -> child == node || descendsFrom(node, child));
    }

    private static TraceTree.Node only(TraceTree trace, String service, String name, String... eventType) {
        List<TraceTree.Node> found = trace.spans().stream().filter(span -> span.service().equals(service) && span.name().equals(name))
                .filter(span -> eventType.length == 0 || eventType[0].equals(span.tags().get("bazaar.event.type"))).toList();
        assertThat(found).as(service + " " + name + " in\n" + String.join("\n", trace.render())).hasSize(1);
        return found.get(0);
    }

    private static Optional<TraceTree.Node> find(TraceTree trace, String service, String name) {
        return trace.spans().stream().filter(span -> span.service().equals(service) && span.name().equals(name)).findFirst();
    }
}
