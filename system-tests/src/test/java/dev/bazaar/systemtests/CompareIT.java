package dev.bazaar.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.bazaar.launcher.Platform;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./bazaar compare} keeps working: the distributed monolith of samples/distributed-monolith is started beside the
 * tests' platform, both take the same few seconds of orders with the card processor a second late, and the monolith is
 * stopped again. What it checks is what the comparison exists to show, not how fast either is: the synchronous chain
 * makes the shopper wait for the card, the event-driven checkout does not.
 */
class CompareIT {

    private static final int CARD_LATENCY_MS = 1000;

    @Test
    void theSynchronousChainWaitsForTheCardAndBazaarsCheckoutDoesNot() throws Exception {
        Platform platform = RunningPlatform.get();
        List<String> printed = Cli.bazaar(platform, Duration.ofMinutes(4), "compare", "--card-latency", CARD_LATENCY_MS + "ms",
                "--rate", "4", "--duration", "3s");

        String json = printed.stream().filter(line -> line.startsWith("Figures: ")).findFirst().orElseThrow()
                .substring("Figures: ".length());
        JsonNode rows = JsonMapper.builder().build().readTree(Files.readString(Path.of(json))).path("rows");
        assertThat(rows).hasSize(2);
        JsonNode bazaar = rows.path(0);
        JsonNode monolith = rows.path(1);
        assertThat(bazaar.path("checkout").asString()).isEqualTo("bazaar");
        assertThat(monolith.path("checkout").asString()).isEqualTo("distributed monolith");
        for (JsonNode row : List.of(bazaar, monolith)) {
            assertThat(row.path("cardLatencyMs").asLong()).isEqualTo(CARD_LATENCY_MS);
            assertThat(row.path("sent").asLong()).as(row.path("checkout").asString() + " orders due").isEqualTo(12);
            assertThat(row.path("availability").asDouble()).as(row.path("checkout").asString() + " availability").isEqualTo(1.0);
        }
        assertThat(monolith.path("latency").path("p50").asDouble()).as("the chain's median waits for the card")
                .isGreaterThanOrEqualTo(CARD_LATENCY_MS);
        assertThat(bazaar.path("latency").path("p50").asDouble()).as("Bazaar's median does not")
                .isLessThan(CARD_LATENCY_MS);

        // Afterwards the monolith is gone and Bazaar's card processor answers at once again.
        for (int port : List.of(8201, 8202, 8203, 8204)) {
            assertThat(listening(port + platform.config().portOffset())).as("monolith port " + port).isFalse();
        }
        JsonNode processor = new Gateway(platform.applicationUrl("payment")).withToken(platform.operatorToken())
                .get("/admin/processor").json();
        assertThat(processor.path("latencyMs").asLong()).isZero();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
