package dev.bazaar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StageTimesTest {

    @Test
    void theSampleIsBoundedAndDrawnFromEveryOrderOffered() throws Exception {
        StageTimes stages = new StageTimes(100);
        for (int i = 0; i < 10_000; i++) {
            stages.offer("order-" + i);
        }
        java.lang.reflect.Field field = StageTimes.class.getDeclaredField("sample");
        field.setAccessible(true);
        @SuppressWarnings("unchecked")
        Set<String> sample = new HashSet<>((java.util.List<String>) field.get(stages));

        assertThat(sample).hasSize(100);
        // Reservoir sampling keeps late orders as likely as early ones: most of a uniform sample is past the first 1,000.
        assertThat(sample.stream().filter(order -> Integer.parseInt(order.substring(6)) >= 1000).count()).isGreaterThan(70);
    }
}
