package dev.bazaar.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga's stages, from the event streams of a random sample of the run's orders (reservoir sampling over every
 * accepted order): how long from placement to confirmation (stock reserved and payment captured), to shipment, to
 * delivery, and to whatever end it had. Milliseconds.
 */
final class StageTimes {

    static final List<String> STAGES = List.of("placed → confirmed", "confirmed → shipped", "shipped → delivered",
            "placed → delivered", "placed → ended");
    private static final Set<String> ENDS = Set.of("OrderDelivered", "OrderRejected", "OrderCancelled");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int size;
    private final List<String> sample = new ArrayList<>();
    private long seen;

    StageTimes(int size) {
        this.size = size;
    }

    /** Offers an accepted order to the sample. */
    synchronized void offer(String orderId) {
        seen++;
        if (sample.size() < size) {
            sample.add(orderId);
        } else {
            long slot = ThreadLocalRandom.current().nextLong(seen);
            if (slot < size) {
                sample.set((int) slot, orderId);
            }
        }
    }

    /** Reads the sampled orders' streams and measures their stages; orders that have not ended count in none. */
    Map<String, Histogram> measure(Shop shop, String staffToken) {
        Map<String, Histogram> stages = new LinkedHashMap<>();
        STAGES.forEach(stage -> stages.put(stage, new Histogram(Duration.ofHours(1).toMillis(), 3)));
        List<String> orders;
        synchronized (this) {
            orders = List.copyOf(sample);
        }
        for (String order : orders) {
            HttpResponse<String> answer = shop.exchange(shop.get("/api/orders/" + order + "/events")
                    .header("Authorization", "Bearer " + staffToken));
            if (answer.statusCode() != 200) {
                continue;
            }
            Map<String, Instant> at = new HashMap<>();
            for (JsonNode event : JSON.readTree(answer.body())) {
                at.putIfAbsent(event.path("type").asString(), Instant.parse(event.path("at").asString()));
            }
            record(stages.get("placed → confirmed"), at.get("OrderPlaced"), at.get("OrderConfirmed"));
            record(stages.get("confirmed → shipped"), at.get("OrderConfirmed"), at.get("OrderShipped"));
            record(stages.get("shipped → delivered"), at.get("OrderShipped"), at.get("OrderDelivered"));
            record(stages.get("placed → delivered"), at.get("OrderPlaced"), at.get("OrderDelivered"));
            at.keySet().stream().filter(ENDS::contains).findFirst()
                    .ifPresent(end -> record(stages.get("placed → ended"), at.get("OrderPlaced"), at.get(end)));
        }
        return stages;
    }

    private static void record(Histogram stage, Instant from, Instant to) {
        if (from != null && to != null && !to.isBefore(from)) {
            stage.recordValue(Math.min(stage.getHighestTrackableValue(), Duration.between(from, to).toMillis()));
        }
    }
}
