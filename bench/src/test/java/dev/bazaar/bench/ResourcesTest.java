package dev.bazaar.bench;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourcesTest {

    @Test
    void countsWhatEachOperatingSystemProcessSpentBetweenTheSamples() {
        Resources.Sample before = sample(Map.of("ordering", Map.of(10L, 5.0), "postgres", Map.of(1L, 2.0, 2L, 40.0, 3L, 1.0)));
        // Backend 2 closed (its 40 s are not spent in between), backend 4 opened, ordering restarted as pid 11.
        Resources.Sample after = sample(Map.of("ordering", Map.of(11L, 3.0), "postgres", Map.of(1L, 2.5, 3L, 1.5, 4L, 0.25)));

        Map<String, Double> spent = Resources.spent(before, after);

        assertThat(spent).containsEntry("ordering", 3.0).containsEntry("postgres", 1.25);
    }

    private static Resources.Sample sample(Map<String, Map<Long, Double>> cpu) {
        return new Resources.Sample(cpu, Map.of(), 0);
    }
}
